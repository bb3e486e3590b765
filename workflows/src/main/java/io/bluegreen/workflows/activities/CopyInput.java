package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * One collection to copy from Blue to Green. {@code documentsPerSecond} caps this copy's rate (0 =
 * unlimited) so it can run beside production load; absent in older payloads, it reads as 0. {@code
 * range}, when given, copies only that part of a collection already prepared by {@link
 * CollectionCopyActivities#splitCollection} (Green's collection and indexes exist).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CopyInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collection") String collection,
    @JsonProperty("batchSize") int batchSize,
    @JsonProperty("documentsPerSecond") int documentsPerSecond,
    @JsonProperty("range") IdRange range) {

  public CopyInput(
      PlatformSpec blue,
      PlatformSpec green,
      String collection,
      int batchSize,
      int documentsPerSecond) {
    this(blue, green, collection, batchSize, documentsPerSecond, null);
  }

  public CopyInput(PlatformSpec blue, PlatformSpec green, String collection, int batchSize) {
    this(blue, green, collection, batchSize, 0);
  }
}
