package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * One collection to copy from Blue to Green. {@code documentsPerSecond} caps this copy's rate (0 =
 * unlimited) so it can run beside production load; absent in older payloads, it reads as 0.
 */
public record CopyInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collection") String collection,
    @JsonProperty("batchSize") int batchSize,
    @JsonProperty("documentsPerSecond") int documentsPerSecond) {

  public CopyInput(PlatformSpec blue, PlatformSpec green, String collection, int batchSize) {
    this(blue, green, collection, batchSize, 0);
  }
}
