package io.bluegreen.devstack;

/** The loopback ports of a local stack. */
public record DevPorts(int temporal, int temporalUi, int mongo, int redis) {
  public static DevPorts defaults() {
    return new DevPorts(7233, 8233, 27017, 6379);
  }
}
