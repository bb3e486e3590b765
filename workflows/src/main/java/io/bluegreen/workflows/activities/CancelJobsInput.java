package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;

/**
 * Cancel every job of Blue's that is neither complete nor canceled, through its Itential API
 * ({@code blue.api}), in calls of at most 100 ids.
 */
public record CancelJobsInput(@JsonProperty("blue") PlatformSpec blue) {}
