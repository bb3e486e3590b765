package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One collection's comparison of Blue with the final pass's baseline while LIVE. {@code inserted},
 * {@code updated}, {@code deleted}: Blue's changes carried to Green by this pass; {@code reported}:
 * Blue's changes found and left (mode {@code report}); {@code conflicts}: documents Green changed
 * too, left on both sides; {@code waiting}: Blue's changes beyond {@code maxPerCollection}, for the
 * next pass; {@code changes}: the first of them by {@code _id} ({@code maxListed}); {@code note}:
 * why the collection was not compared, if so.
 */
public record LiveCollectionResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("reported") long reported,
    @JsonProperty("conflicts") long conflicts,
    @JsonProperty("waiting") long waiting,
    @JsonProperty("changes") List<LiveChange> changes,
    @JsonProperty("note") String note) {

  public long carried() {
    return inserted + updated + deleted;
  }

  /** Whether the pass found anything here (quiet collections are left out of the result). */
  public boolean anything() {
    return carried() + reported + conflicts + waiting > 0 || note != null;
  }
}
