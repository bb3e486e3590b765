package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-resort Temporal (where neither the CLI nor go exists) serves in a process of its own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DevTemporalTestServerTest {
  @TempDir Path stateDir;

  @Test
  void servesOnItsPortAndWarnsThatItCannotResumeWorkflows() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = stateDir.resolve("temporal.log");
    ProcessHandle server =
        ProcessSupervisor.spawn(
            JavaCommand.of(
                DevTemporalTestServer.class.getName(), List.of(), List.of(String.valueOf(port))),
            Map.of(),
            log,
            stateDir.resolve("temporal.pid"));
    try {
      int p = port;
      ProcessSupervisor.await(
          "test server",
          server,
          log,
          Duration.ofSeconds(60),
          () -> ProcessSupervisor.portAnswers(p));
      assertTrue(ProcessSupervisor.recorded(stateDir.resolve("temporal.pid")).isPresent());
      assertTrue(Files.readString(log).contains("WARNING"), Files.readString(log));
    } finally {
      ProcessSupervisor.stop(server);
    }
    assertFalse(server.isAlive());
  }
}
