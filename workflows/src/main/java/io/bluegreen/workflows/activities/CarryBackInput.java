package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Green's changes of {@code collections} to carry back to Blue, by the baseline of {@code
 * deployment}; at most {@code maxIds} ids listed per collection and kind.
 */
public record CarryBackInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("collections") List<String> collections,
    @JsonProperty("maxIds") int maxIds) {}
