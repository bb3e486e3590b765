package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * One comparison of Blue with the final pass's baseline while LIVE ({@code CatchUpBlue}). {@code
 * mode}: {@code carry} (only-Blue changes to Green, both-sides changes listed as conflicts and
 * never settled) or {@code report} (nothing written); {@code maxPerCollection}: Blue's changes
 * handled per collection, the rest left for the next pass; {@code maxListed}: changes named per
 * collection in the result. {@code selection} finds collections Blue created since, which are
 * named, not carried.
 */
public record LiveChangesInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("selection") CollectionSelection selection,
    @JsonProperty("mode") String mode,
    @JsonProperty("maxPerCollection") int maxPerCollection,
    @JsonProperty("maxListed") int maxListed,
    @JsonProperty("parallel") int parallel) {}
