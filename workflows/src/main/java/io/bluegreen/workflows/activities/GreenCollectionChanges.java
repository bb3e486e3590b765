package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One collection's documents that Green created, changed or deleted since the baseline: counts, and
 * the first ids of each (canonical Extended JSON, capped). {@code note} says why a collection could
 * not be compared (no baseline, say).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GreenCollectionChanges(
    @JsonProperty("collection") String collection,
    @JsonProperty("created") long created,
    @JsonProperty("changed") long changed,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("createdIds") List<String> createdIds,
    @JsonProperty("changedIds") List<String> changedIds,
    @JsonProperty("deletedIds") List<String> deletedIds,
    @JsonProperty("note") String note) {

  public long total() {
    return created + changed + deleted;
  }
}
