package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Green against the baseline, per collection, with the totals. */
public record GreenDiffResult(
    @JsonProperty("collections") List<GreenCollectionChanges> collections,
    @JsonProperty("created") long created,
    @JsonProperty("changed") long changed,
    @JsonProperty("deleted") long deleted) {

  public long total() {
    return created + changed + deleted;
  }
}
