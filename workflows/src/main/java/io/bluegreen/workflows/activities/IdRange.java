package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a collection split for a parallel copy: the documents whose {@code _id} is at least
 * {@code fromId} (null: from the first) and below {@code toId} (null: to the last), in MongoDB's
 * sort order across types (a range may span numbers, strings and ObjectIds). Bounds are canonical
 * Extended JSON, so they keep their exact BSON type through history. {@code index} counts from 0 of
 * {@code count}; the ranges of a collection are contiguous and cover every possible id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdRange(
    @JsonProperty("index") int index,
    @JsonProperty("count") int count,
    @JsonProperty("fromId") String fromId,
    @JsonProperty("toId") String toId) {

  /** "2/4": how events and activity summaries name the range. */
  public String label() {
    return (index + 1) + "/" + count;
  }
}
