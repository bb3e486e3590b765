package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How many baseline collections of the deployment were dropped (0 on a retry). */
public record DropBaselineResult(@JsonProperty("dropped") int dropped) {}
