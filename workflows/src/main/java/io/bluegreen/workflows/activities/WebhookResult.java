package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.Colour;

/** The webhook's answer to a traffic change. */
public record WebhookResult(
    @JsonProperty("colour") Colour colour, @JsonProperty("status") int status) {}
