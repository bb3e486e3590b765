package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * One collection whose differences are to be applied from Blue to Green. With {@code keepGreenOnly}
 * a document only Green holds is left alone (it may be Green's own, e.g. with {@code
 * greenMustBeEmpty: false}); only missing and changed documents are written.
 */
public record ResyncInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collection") String collection,
    @JsonProperty("keepGreenOnly") boolean keepGreenOnly) {

  public ResyncInput(PlatformSpec blue, PlatformSpec green, String collection) {
    this(blue, green, collection, false);
  }
}
