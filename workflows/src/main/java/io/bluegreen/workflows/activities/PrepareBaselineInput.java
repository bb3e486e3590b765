package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * PREFLIGHT's part of the baseline, before anything is written to Green: the baselines other runs
 * left for Green's database are named (and dropped when {@code dropStaleBaselines}), and with
 * {@code greenMustBeEmpty} false the {@code _id}s Green already holds in {@code collections} are
 * recorded as Green's own, so the baseline leaves them out. {@code deployment} is the baseline's
 * key (the workflow id and its first run's id).
 */
public record PrepareBaselineInput(
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("greenMustBeEmpty") boolean greenMustBeEmpty,
    @JsonProperty("dropStaleBaselines") boolean dropStaleBaselines) {}
