package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.SyncPass;
import java.util.List;

/**
 * One sync pass. {@code collections} is the deployment's known list (from PREFLIGHT); Blue's
 * collections are listed again with {@code selection} (the request's), so a collection Blue created
 * since is created on Green and one Blue dropped is reported. {@code pass} is {@code full} (reads
 * Blue, Green and the baseline; counts Green's own changes) or {@code final} (reads Blue and the
 * baseline, looks up on Green only what Blue changed: the cutover window). {@code pass} stays the
 * {@link SyncPass} word for the reason {@link SyncPolicy} keeps words: the activity refuses an
 * unknown one itself, non-retryably.
 */
public record SyncInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("selection") CollectionSelection selection,
    @JsonProperty("policy") SyncPolicy policy,
    @JsonProperty("pass") String pass,
    @JsonProperty("maxListedConflicts") int maxListedConflicts,
    @JsonProperty("parallel") int parallel) {
  public static final String FULL = SyncPass.FULL.wire();
  public static final String FINAL = SyncPass.FINAL.wire();
}
