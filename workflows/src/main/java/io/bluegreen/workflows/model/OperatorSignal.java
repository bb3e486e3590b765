package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The one argument of every operator signal: who sends it and why, for the audit trail. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorSignal(@JsonProperty("by") String by, @JsonProperty("reason") String reason) {}
