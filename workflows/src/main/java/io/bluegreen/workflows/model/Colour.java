package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Blue, the platform serving before the deployment, and Green, the one it moves to. */
public enum Colour {
  BLUE("blue"),
  GREEN("green");

  private final String wire;

  Colour(String wire) {
    this.wire = wire;
  }

  /** As written in JSON, the traffic key and the status: {@code blue} or {@code green}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Colour of(String wire) {
    for (Colour c : values()) {
      if (c.wire.equals(wire)) {
        return c;
      }
    }
    throw new IllegalArgumentException("colour '" + wire + "' is not one of blue, green");
  }

  @Override
  public String toString() {
    return wire;
  }
}
