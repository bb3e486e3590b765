package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An operator signal as received, with whether it was accepted and, if not, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalRecord(
    @JsonProperty("signal") String signal,
    @JsonProperty("by") String by,
    @JsonProperty("reason") String reason,
    @JsonProperty("time") String time,
    @JsonProperty("phase") Phase phase,
    @JsonProperty("accepted") boolean accepted,
    @JsonProperty("note") String note) {}
