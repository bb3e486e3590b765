package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local stack's worker exits when out of memory, before its main class, as a JVM option. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerCommandTest {
  @Test
  void theWorkersCommandLineExitsOnOutOfMemory() {
    List<String> command = WorkerPiece.command(Path.of("worker.json"));
    int flag = command.indexOf("-XX:+ExitOnOutOfMemoryError");
    assertTrue(flag > 0, command.toString());
    assertTrue(
        flag < command.indexOf(WorkerPiece.MAIN_CLASS),
        "a JVM option, before the main class: " + command);
  }
}
