package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The webhook's answer to a traffic change. */
public record WebhookResult(
    @JsonProperty("colour") String colour, @JsonProperty("status") int status) {}
