package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/**
 * The outcome of comparing Blue and Green for one collection, by _id on canonical BSON. sampleIds
 * lists the first differing _ids (Extended JSON).
 */
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
    @JsonProperty("match") boolean match) {}
