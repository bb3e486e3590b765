package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** Wait until Blue has no running jobs, for at most timeout (ISO-8601). */
public record DrainInput(
    @JsonProperty("blue") PlatformSpec blue, @JsonProperty("timeout") String timeout) {}
