package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * Heartbeat details of a running copy: the last copied _id (canonical Extended JSON) and counts so
 * far. A retried copy resumes after lastId.
 */
public record CopyCheckpoint(
    @JsonProperty("collection") String collection,
    @JsonProperty("lastId") String lastId,
    @JsonProperty("copied") long copied,
    @JsonProperty("bytes") long bytes) {}
