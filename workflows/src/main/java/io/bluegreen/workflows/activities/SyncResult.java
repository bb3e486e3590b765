package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A sync pass: per collection counts, the first {@code maxListedConflicts} conflicts and their
 * total, and Blue's profile/service-config changes since RecordConfigBaseline. The cutover may go
 * on only when {@code totalConflicts} is 0.
 */
public record SyncResult(
    @JsonProperty("pass") String pass,
    @JsonProperty("collections") List<SyncCollectionResult> collections,
    @JsonProperty("conflictSamples") List<SyncConflict> conflictSamples,
    @JsonProperty("totalConflicts") long totalConflicts,
    @JsonProperty("configChanges") List<ConfigChange> configChanges) {}
