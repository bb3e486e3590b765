package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One collection carried back to Blue: what was written (counts and the first ids), and the
 * conflicts left as they are ({@code greenChange} what Green did, {@code blueChange} what Blue did
 * since the baseline, or the server's reason when Blue refused the write).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CarriedBack(
    @JsonProperty("collection") String collection,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("conflicts") long conflicts,
    @JsonProperty("insertedIds") List<String> insertedIds,
    @JsonProperty("updatedIds") List<String> updatedIds,
    @JsonProperty("deletedIds") List<String> deletedIds,
    @JsonProperty("conflictSamples") List<SyncConflict> conflictSamples,
    @JsonProperty("note") String note) {}
