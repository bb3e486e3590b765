package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Which collections to baseline. {@code deployment} is a stable key for the deployment's baseline
 * (the workflow id and its first run's id; Green's database completes it); {@code parallel}
 * collections are read at the same time.
 */
public record BaselineInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("parallel") int parallel) {}
