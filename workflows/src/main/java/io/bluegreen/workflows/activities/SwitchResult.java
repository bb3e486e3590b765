package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** A switch after it was set, with the value it had before (null when it was absent). */
public record SwitchResult(
    @JsonProperty("colour") Colour colour,
    @JsonProperty("switchName") WorkerSwitch switchName,
    @JsonProperty("previous") Boolean previous,
    @JsonProperty("on") boolean on) {}
