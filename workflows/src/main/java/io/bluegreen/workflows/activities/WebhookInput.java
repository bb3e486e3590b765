package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.TrafficWebhook;

/** Tell the traffic webhook that traffic now goes to {@code colour}. */
public record WebhookInput(
    @JsonProperty("webhook") TrafficWebhook webhook,
    @JsonProperty("colour") Colour colour,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("changedAt") String changedAt) {}
