package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A document both sides changed. {@code id} is its {@code _id} as canonical Extended JSON; {@code
 * blueChange} and {@code greenChange} are {@code inserted}, {@code updated} or {@code deleted}
 * relative to the baseline ({@code inserted} on both: the document was in neither side's baseline
 * and the two versions differ).
 */
public record SyncConflict(
    @JsonProperty("collection") String collection,
    @JsonProperty("id") String id,
    @JsonProperty("blueChange") String blueChange,
    @JsonProperty("greenChange") String greenChange) {
  public static final String INSERTED = "inserted";
  public static final String UPDATED = "updated";
  public static final String DELETED = "deleted";
}
