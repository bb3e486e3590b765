package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** What provisioning wrote into Green: its profile and how many service configs. */
public record ProvisionResult(
    @JsonProperty("profile") String profile, @JsonProperty("serviceConfigs") int serviceConfigs) {}
