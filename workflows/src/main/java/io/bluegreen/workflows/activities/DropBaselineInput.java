package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;

/** The deployment whose baseline (on Green's server) to remove. */
public record DropBaselineInput(
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment) {}
