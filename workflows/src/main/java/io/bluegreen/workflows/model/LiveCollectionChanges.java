package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.activities.LiveChange;
import java.util.List;

/**
 * One collection in {@link LiveChanges}: {@code inserted}, {@code updated}, {@code deleted}: Blue's
 * changes carried to Green since the final pass (all passes); {@code reported}, {@code conflicts},
 * {@code waiting}: as the last pass found them (Blue's changes left as they are, those Green
 * changed too, those beyond the per-pass cap); {@code changes}: the latest {@value
 * LiveChanges#MAX_LISTED} named, with {@code changesTotal} counting every one named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveCollectionChanges(
    @JsonProperty("collection") String collection,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("reported") long reported,
    @JsonProperty("conflicts") long conflicts,
    @JsonProperty("waiting") long waiting,
    @JsonProperty("changes") List<LiveChange> changes,
    @JsonProperty("changesTotal") long changesTotal,
    @JsonProperty("note") String note) {

  public long carried() {
    return inserted + updated + deleted;
  }
}
