package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** What preflight checks: the two platforms, the collection selection and the switches. */
public record PreflightInput(
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") CollectionSelection collections,
    @JsonProperty("switches") Switches switches,
    @JsonProperty("greenMustBeEmpty") boolean greenMustBeEmpty,
    @JsonProperty("trafficRedis") String trafficRedis,
    @JsonProperty("trafficRedisDb") Integer trafficRedisDb,
    @JsonProperty("cutover") CutoverOptions cutover) {

  public PreflightInput(
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      boolean greenMustBeEmpty) {
    this(blue, green, collections, switches, greenMustBeEmpty, null, null, null);
  }

  public PreflightInput(
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      boolean greenMustBeEmpty,
      String trafficRedis,
      Integer trafficRedisDb) {
    this(blue, green, collections, switches, greenMustBeEmpty, trafficRedis, trafficRedisDb, null);
  }

  /**
   * With the cutover, whose traffic key and webhook preflight checks against the worker's policy.
   */
  public PreflightInput(
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      boolean greenMustBeEmpty,
      CutoverOptions cutover) {
    this(
        blue,
        green,
        collections,
        switches,
        greenMustBeEmpty,
        cutover == null ? null : cutover.trafficRedis(),
        cutover == null ? null : cutover.trafficRedisDb(),
        cutover);
  }

  /** What preflight checks for a request whose defaults are applied. */
  public static PreflightInput of(DeploymentRequest request) {
    return new PreflightInput(
        request.blue(),
        request.green(),
        request.collections(),
        request.switches(),
        request.copy().greenMustBeEmpty(),
        request.cutover() == null ? null : request.cutover().trafficRedis(),
        request.cutover() == null ? null : request.cutover().trafficRedisDb(),
        request.cutover());
  }
}
