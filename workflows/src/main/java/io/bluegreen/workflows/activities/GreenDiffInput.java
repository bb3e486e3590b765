package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Which deployment's baseline to compare Green with ({@code deployment}: the baseline's key, as for
 * {@link SyncInput}), over which collections, listing at most {@code maxIds} ids per collection and
 * kind of change. Blue is named only so the state database is never Blue's.
 */
public record GreenDiffInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("maxIds") int maxIds) {}
