package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;

/**
 * Blue's profile ({@code blue.profile}) and service configs to remember. {@code ignoredPaths} are
 * dotted paths of the profile left out of its hash: the switches (startJobs, taskWorker), which the
 * cutover itself turns, so that turning them is not reported as a change.
 */
public record ConfigBaselineInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("ignoredPaths") List<String> ignoredPaths) {

  public ConfigBaselineInput(PlatformSpec blue, PlatformSpec green, String deployment) {
    this(blue, green, deployment, List.of());
  }
}
