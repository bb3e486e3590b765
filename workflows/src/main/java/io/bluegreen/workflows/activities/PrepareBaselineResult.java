package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * @param staleBaselines the other runs' baselines found for Green's database, each as its workflow
 *     id and first run id (dropped, since the request said so; otherwise PREFLIGHT refused)
 * @param greenOwnDocuments documents Green held before the copy, left out of the baseline
 */
public record PrepareBaselineResult(
    @JsonProperty("staleBaselines") List<String> staleBaselines,
    @JsonProperty("greenOwnDocuments") long greenOwnDocuments) {}
