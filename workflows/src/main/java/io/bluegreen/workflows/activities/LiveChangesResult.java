package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A comparison of Blue with the final pass's baseline: only the collections where it found
 * something (a quiet pass is a few bytes of history), each with counts and at most {@code
 * maxListed} named changes.
 */
public record LiveChangesResult(
    @JsonProperty("mode") String mode,
    @JsonProperty("collections") List<LiveCollectionResult> collections) {}
