package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** What a resync changed in Green. */
public record ResyncResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("replaced") long replaced,
    @JsonProperty("deleted") long deleted) {}
