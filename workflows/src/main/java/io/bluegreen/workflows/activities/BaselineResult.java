package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Per collection, how many documents the baseline holds and how many of Green's own it left out.
 */
public record BaselineResult(@JsonProperty("collections") List<Collection> collections) {
  /**
   * @param recorded documents bluegreen wrote to Green (the copy's and the repairs'), now in the
   *     baseline
   * @param differing documents Green held before the copy (Green's own: not in the baseline)
   * @param alreadyRecorded true when an earlier attempt had recorded this collection's baseline
   */
  public record Collection(
      @JsonProperty("collection") String collection,
      @JsonProperty("recorded") long recorded,
      @JsonProperty("differing") long differing,
      @JsonProperty("alreadyRecorded") boolean alreadyRecorded) {}
}
