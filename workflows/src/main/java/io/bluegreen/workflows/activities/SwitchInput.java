package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** Set one switch (a boolean at a dotted path in a platform's iap_profiles document). */
public record SwitchInput(
    @JsonProperty("platform") PlatformSpec platform,
    @JsonProperty("colour") Colour colour,
    @JsonProperty("switchName") WorkerSwitch switchName,
    @JsonProperty("path") String path,
    @JsonProperty("on") boolean on) {}
