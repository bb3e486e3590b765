package io.bluegreen.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The loopback ports of a local stack. */
public record DevPorts(int temporal, int temporalUi, int mongo, int redis) {
  public static DevPorts defaults() {
    return new DevPorts(7233, 8233, 27017, 6379);
  }

  /**
   * Four distinct free loopback ports, for a stack that must not meet `dev up`'s (tests, the
   * benchmark). They are held open together while chosen, so the OS cannot hand out one twice.
   */
  public static DevPorts free() {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      }
      return new DevPorts(
          held.get(0).getLocalPort(),
          held.get(1).getLocalPort(),
          held.get(2).getLocalPort(),
          held.get(3).getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // a port that fails to close is still free for the stack to take
        }
      }
    }
  }
}
