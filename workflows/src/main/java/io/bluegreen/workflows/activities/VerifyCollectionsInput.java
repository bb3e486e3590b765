package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Several collections to compare in one activity, {@code parallel} at a time: one activity for the
 * whole verification keeps workflow history small however many collections there are.
 */
public record VerifyCollectionsInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("maxListed") int maxListed,
    @JsonProperty("parallel") int parallel) {}
