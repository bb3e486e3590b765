package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** A finished collection copy. */
public record CopyResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("indexes") int indexes) {}
