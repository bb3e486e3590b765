package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * A finished collection copy, or of one {@code range} of a collection (its index; null for a whole
 * collection). {@code resumedAfter}: the documents earlier attempts had copied when this attempt
 * resumed from their checkpoint (null when it started from the beginning); {@code documents} counts
 * them too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CopyResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("indexes") int indexes,
    @JsonProperty("range") Integer range,
    @JsonProperty("resumedAfter") Long resumedAfter) {

  public CopyResult(String collection, long documents, long bytes, int indexes) {
    this(collection, documents, bytes, indexes, null, null);
  }

  public CopyResult(String collection, long documents, long bytes, int indexes, Integer range) {
    this(collection, documents, bytes, indexes, range, null);
  }
}
