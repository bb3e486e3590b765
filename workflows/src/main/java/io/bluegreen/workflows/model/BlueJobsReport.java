package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Blue's unfinished jobs at the cutover, in the status and the audit: what the drain found when it
 * ended ({@code jobs}), the request's {@code cutover.blueJobs} policy, and what became of them:
 * {@code staying} (left on Blue, not running: paused, errored …), or {@code cancelled} through
 * Blue's Itential API (the count, and the first {@value BlueJobs#MAX_LISTED} ids) with any {@code
 * failures}. {@code note} says it in one sentence.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlueJobsReport(
    @JsonProperty("at") String at,
    @JsonProperty("policy") BlueJobsPolicy policy,
    @JsonProperty("jobs") BlueJobs jobs,
    @JsonProperty("staying") Long staying,
    @JsonProperty("cancelled") Long cancelled,
    @JsonProperty("cancelledIds") List<String> cancelledIds,
    @JsonProperty("failures") List<String> failures,
    @JsonProperty("note") String note) {}
