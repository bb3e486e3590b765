package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One collection's sync. {@code inserted}/{@code updated}/{@code deleted}: Blue's changes carried
 * to Green; {@code greenKept}: Green's own changes kept (a final pass counts only those it met);
 * {@code conflicts}: documents both sides changed differently, left as they are under {@code halt};
 * {@code resolved}: conflicts settled by blue-wins or green-wins (counted there, not in {@code
 * conflicts}); {@code created}: the collection (or view) was created on Green by this pass; {@code
 * droppedOnBlue}: Blue no longer has it; {@code droppedOnGreen}: so it was dropped on Green too,
 * Green's copy being unchanged from the baseline; {@code note}: why it was not synced, if so.
 */
public record SyncCollectionResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("greenKept") long greenKept,
    @JsonProperty("conflicts") long conflicts,
    @JsonProperty("resolved") long resolved,
    @JsonProperty("created") boolean created,
    @JsonProperty("droppedOnBlue") boolean droppedOnBlue,
    @JsonProperty("droppedOnGreen") boolean droppedOnGreen,
    @JsonProperty("note") String note) {}
