package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the cutover does with Blue's jobs that are neither complete nor canceled when the drain ends
 * ({@code cutover.blueJobs}): {@code leave} them on Blue and say so (the default), or {@code
 * cancel} them through Blue's Itential API. The one place these words are written.
 */
public enum BlueJobsPolicy {
  LEAVE("leave"),
  CANCEL("cancel");

  private final String wire;

  BlueJobsPolicy(String wire) {
    this.wire = wire;
  }

  /** As written in requests and the status. */
  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static BlueJobsPolicy of(String wire) {
    return parse(wire)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "cutover.blueJobs '" + wire + "' is not one of " + choices()));
  }

  /** The policy written {@code wire}, or empty for anything else. */
  public static Optional<BlueJobsPolicy> parse(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
  }

  /** The words to list in a message: {@code leave or cancel}. */
  public static String choices() {
    return Arrays.stream(values()).map(BlueJobsPolicy::wire).collect(Collectors.joining(" or "));
  }

  @Override
  public String toString() {
    return wire;
  }
}
