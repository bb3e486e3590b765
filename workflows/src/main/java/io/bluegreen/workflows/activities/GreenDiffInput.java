package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Which deployment's baseline to compare Green with ({@code deployment}: the baseline's key, as for
 * {@link SyncInput}), over which collections, listing at most {@code maxIds} ids per collection and
 * kind of change. Blue is named so the state database is never Blue's, and so that a collection
 * only Green has is told from one the deployment left out of Blue's.
 *
 * <p>{@code greenOnly}: also name the collections made on Green after the cutover. Asked by the
 * workflow code that knows such entries hold no wait for a carry-back; a run of older workflow code
 * never asks, so its results keep their old shape while workers of both versions run side by side
 * (its decisions replay the same either way).
 */
public record GreenDiffInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("maxIds") int maxIds,
    @JsonProperty("greenOnly") Boolean greenOnly) {}
