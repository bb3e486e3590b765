package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/** What preflight checks: the two platforms, the collection selection and the switches. */
public record PreflightInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") CollectionSelection collections,
    @JsonProperty("switches") Switches switches,
    @JsonProperty("greenMustBeEmpty") boolean greenMustBeEmpty) {}
