package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a cancellation of Blue's unfinished jobs did: how many the API accepted to cancel, the first
 * 100 of their ids, how many calls it took, and the ids' failures (a refused call, named with its
 * HTTP status, never a credential).
 */
public record CancelJobsResult(
    @JsonProperty("cancelled") long cancelled,
    @JsonProperty("ids") List<String> ids,
    @JsonProperty("calls") int calls,
    @JsonProperty("failures") List<String> failures) {}
