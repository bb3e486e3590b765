package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of the short event trail in the status. */
public record DeploymentEvent(
    @JsonProperty("time") String time,
    @JsonProperty("phase") Phase phase,
    @JsonProperty("message") String message) {}
