package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.HealthCheck;

/** One platform's health check, with defaults applied, and which colour it is. */
public record HealthInput(
    @JsonProperty("colour") Colour colour, @JsonProperty("check") HealthCheck check) {}
