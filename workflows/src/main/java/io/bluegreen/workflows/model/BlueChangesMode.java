package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the failover window does with a Blue document changed after the final pass ({@code
 * live.blueChanges.mode}): {@code carry} (the default) carries it to Green by the three-way rules
 * (only Blue changed: carried; both sides changed: listed as a conflict, never settled while Green
 * serves), {@code report} only names it. The one place these words are written.
 */
public enum BlueChangesMode {
  CARRY("carry"),
  REPORT("report");

  private final String wire;

  BlueChangesMode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static BlueChangesMode of(String wire) {
    return parse(wire)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Blue's changes mode '" + wire + "' is not one of carry or report"));
  }

  /** The mode written {@code wire}, or empty for anything else. */
  public static Optional<BlueChangesMode> parse(String wire) {
    return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
