package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/** What provisioning wrote into Green: its profile and how many service configs. */
public record ProvisionResult(
    @JsonProperty("profile") String profile,
    @JsonProperty("serviceConfigs") int serviceConfigs) {}
