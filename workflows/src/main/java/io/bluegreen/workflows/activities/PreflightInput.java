package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/** What preflight checks: the two platforms, the collection selection and the switches. */
public record PreflightInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") CollectionSelection collections,
    @JsonProperty("switches") Switches switches,
    @JsonProperty("greenMustBeEmpty") boolean greenMustBeEmpty,
    @JsonProperty("cutover") CutoverOptions cutover) {

  /** Without the cutover (traffic key, webhook): preflight then does not check them. */
  public PreflightInput(PlatformSpec blue, PlatformSpec green, CollectionSelection collections, Switches switches,
      boolean greenMustBeEmpty) {
    this(blue, green, collections, switches, greenMustBeEmpty, null);
  }

  /** What preflight checks for a request whose defaults are applied. */
  public static PreflightInput of(DeploymentRequest request) {
    return new PreflightInput(request.blue(), request.green(), request.collections(), request.switches(),
        request.copy().greenMustBeEmpty(), request.cutover());
  }
}
