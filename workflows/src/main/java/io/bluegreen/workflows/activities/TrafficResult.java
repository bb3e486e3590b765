package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * The traffic key after it was set, and the colour it held before (null when unset). {@code
 * previous} stays the key's raw text: another writer may have left anything there.
 */
public record TrafficResult(
    @JsonProperty("previous") String previous, @JsonProperty("colour") Colour colour) {}
