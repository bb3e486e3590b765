package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** One collection (or one {@code range} of it, when given) to compare document by document. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collection") String collection,
    @JsonProperty("maxListed") int maxListed,
    @JsonProperty("range") IdRange range) {

  public VerifyInput(PlatformSpec blue, PlatformSpec green, String collection, int maxListed) {
    this(blue, green, collection, maxListed, null);
  }
}
