package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/** Point traffic at a colour: the Redis key, with the deployment and time beside it. */
public record TrafficInput(
    @JsonProperty("redis") String redis,
    @JsonProperty("key") String key,
    @JsonProperty("colour") String colour,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("changedAt") String changedAt) {}
