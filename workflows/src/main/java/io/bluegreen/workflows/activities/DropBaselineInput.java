package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;

/**
 * The deployment whose baseline (on Green's server, for Green's database) to remove: its key, as
 * the baseline's.
 */
public record DropBaselineInput(
    @JsonProperty("green") PlatformSpec green, @JsonProperty("deployment") String deployment) {}
