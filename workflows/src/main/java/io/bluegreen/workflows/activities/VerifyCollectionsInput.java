package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;
import java.util.Map;

/**
 * Several collections to compare in one activity, {@code parallel} at a time: one activity for the
 * whole verification keeps workflow history small however many collections there are. A collection
 * named in {@code ranges} is compared range by range, each range on its own (one result each), as
 * it was copied.
 */
public record VerifyCollectionsInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("maxListed") int maxListed,
    @JsonProperty("parallel") int parallel,
    @JsonProperty("ranges") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, List<IdRange>> ranges) {

  public VerifyCollectionsInput {
    ranges = ranges == null ? Map.of() : ranges;
  }

  public VerifyCollectionsInput(
      PlatformSpec blue,
      PlatformSpec green,
      List<String> collections,
      int maxListed,
      int parallel) {
    this(blue, green, collections, maxListed, parallel, null);
  }
}
