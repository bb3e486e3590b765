package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/**
 * The outcome of comparing Blue and Green for one collection (or one {@code range} of it), by _id
 * on canonical BSON. sampleIds lists the first differing _ids (Extended JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("blueDocuments") long blueDocuments,
    @JsonProperty("greenDocuments") long greenDocuments,
    @JsonProperty("blueDigest") String blueDigest,
    @JsonProperty("greenDigest") String greenDigest,
    @JsonProperty("missing") long missing,
    @JsonProperty("extra") long extra,
    @JsonProperty("changed") long changed,
    @JsonProperty("sampleIds") List<String> sampleIds,
    @JsonProperty("match") boolean match,
    @JsonProperty("range") IdRange range) {

  public VerifyResult(String collection, long blueDocuments, long greenDocuments, String blueDigest, String greenDigest,
      long missing, long extra, long changed, List<String> sampleIds, boolean match) {
    this(collection, blueDocuments, greenDocuments, blueDigest, greenDigest, missing, extra, changed, sampleIds, match, null);
  }
}
