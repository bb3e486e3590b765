package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What was remembered: Blue's profile (found or not) and how many service configs. */
public record ConfigBaselineResult(
    @JsonProperty("profile") boolean profile, @JsonProperty("serviceConfigs") int serviceConfigs) {}
