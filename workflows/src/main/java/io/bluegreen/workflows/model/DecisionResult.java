package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The synchronous answer to an operator decision sent as an Update: whether the workflow accepted
 * it, the phase it was in, and a note (why it was rejected, or what happens next).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionResult(
    @JsonProperty("accepted") boolean accepted,
    @JsonProperty("phase") Phase phase,
    @JsonProperty("note") String note) {}
