package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/** The plan preflight records: what will be copied, what is left out and why, and what it noticed. */
public record PreflightReport(
    @JsonProperty("collections") List<PlannedCollection> collections,
    @JsonProperty("excluded") List<ExcludedCollection> excluded,
    @JsonProperty("totalDocuments") long totalDocuments,
    @JsonProperty("totalBytes") long totalBytes,
    @JsonProperty("findings") List<String> findings) {}
