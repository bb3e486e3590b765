package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Per collection, how many documents the baseline holds and how many Blue and Green held differently. */
public record BaselineResult(@JsonProperty("collections") List<Collection> collections) {
  /**
   * @param recorded documents byte-identical on both sides, now in the baseline
   * @param differing documents on only one side or different on the two (not in the baseline)
   * @param alreadyRecorded true when an earlier attempt had recorded this collection's baseline
   */
  public record Collection(
      @JsonProperty("collection") String collection,
      @JsonProperty("recorded") long recorded,
      @JsonProperty("differing") long differing,
      @JsonProperty("alreadyRecorded") boolean alreadyRecorded) {}
}
