package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A pass of the three-way sync: {@code full} (reads Blue, Green and the baseline while Blue still
 * serves; counts Green's own changes) or {@code final} (after the drain: reads Blue and the
 * baseline, looks up on Green only what Blue changed).
 */
public enum SyncPass {
  FULL("full"),
  FINAL("final");

  private final String wire;

  SyncPass(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static SyncPass of(String wire) {
    for (SyncPass p : values()) {
      if (p.wire.equals(wire)) {
        return p;
      }
    }
    throw new IllegalArgumentException("sync pass '" + wire + "' is not one of full, final");
  }

  @Override
  public String toString() {
    return wire;
  }
}
