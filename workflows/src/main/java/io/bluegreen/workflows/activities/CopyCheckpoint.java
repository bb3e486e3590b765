package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * Heartbeat details of a running copy: the last copied _id (canonical Extended JSON) and counts so
 * far. A retried copy resumes after lastId. A range's copy names its range's index ({@code range});
 * its counts are the range's, and a status sums the ranges of a collection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CopyCheckpoint(
    @JsonProperty("collection") String collection,
    @JsonProperty("lastId") String lastId,
    @JsonProperty("copied") long copied,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("range") Integer range) {

  public CopyCheckpoint(String collection, String lastId, long copied, long bytes) {
    this(collection, lastId, copied, bytes, null);
  }
}
