package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;

/** A large collection to prepare for a copy in {@code ranges} parallel {@code _id} ranges. */
public record RangeSplitInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collection") String collection,
    @JsonProperty("ranges") int ranges) {}
