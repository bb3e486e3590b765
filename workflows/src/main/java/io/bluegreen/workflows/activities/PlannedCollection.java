package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** One collection the deployment will copy, as Blue had it at preflight. */
public record PlannedCollection(
    @JsonProperty("name") String name,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("indexes") int indexes) {}
