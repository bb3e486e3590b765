package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.Colour;

/**
 * The verdict of a health check: healthy or not, how many checks ran and failed in a row, and the
 * last failure (status or error, never a credential).
 */
public record HealthResult(
    @JsonProperty("colour") Colour colour,
    @JsonProperty("healthy") boolean healthy,
    @JsonProperty("checks") long checks,
    @JsonProperty("consecutiveFailures") int consecutiveFailures,
    @JsonProperty("lastFailure") String lastFailure) {}
