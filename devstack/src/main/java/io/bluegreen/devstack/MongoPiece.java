package io.bluegreen.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The MongoDB-wire emulator ({@link DevMongoServer}) in its own JVM. */
final class MongoPiece extends Piece {
  private final int port;
  private final boolean inMemory;
  private String heap = EmulatorHeap.forMachine();

  MongoPiece(Path stateDir, int port, boolean inMemory, Consumer<String> out) {
    super("mongodb", stateDir, out);
    this.port = port;
    this.inMemory = inMemory;
  }

  /** The emulator keeps every document as Java objects; a benchmark's data set needs more room. */
  void heap(String heap) {
    this.heap = heap;
  }

  @Override
  int port() {
    return port;
  }

  @Override
  String address() {
    // The emulator stops the world for seconds at a time once it holds a million documents
    // (sorting them in its heap, collecting garbage); the driver's monitor then timed out after
    // its default 10 s, paused the pool and failed the reads in flight. Real MongoDB needs no such
    // allowance, so only the emulator's URI carries it.
    return "mongodb://" + ProcessSupervisor.LOOPBACK + ":" + port + "/?connectTimeoutMS=120000";
  }

  @Override
  String note() {
    return "MongoDB-wire emulator (mongo-java-server, -Xmx"
        + heap
        + "), "
        + (inMemory ? "in memory" : "data in " + dataFile());
  }

  Path dataFile() {
    return stateDir.resolve("mongodb.h2");
  }

  @Override
  protected ProcessHandle launch() {
    List<String> args =
        inMemory
            ? List.of("--port", String.valueOf(port), "--memory")
            : List.of("--port", String.valueOf(port), "--file", dataFile().toString());
    List<String> command =
        JavaCommand.of(
            DevMongoServer.class.getName(),
            List.of(
                "-Xmx" + heap,
                // Past the heap guard, an OutOfMemoryError ends the process at once, like a
                // SIGKILL: no shutdown hook then writes a half-built state into the H2 file.
                "-XX:+ExitOnOutOfMemoryError",
                "-D" + DevMongoServer.HEAP_PROPERTY + "=" + heap,
                "-Dlogback.configurationFile=bluegreen-devstack-logback.xml"),
            args);
    return ProcessSupervisor.spawn(command, Map.of(), log(), pidFile());
  }

  @Override
  protected void awaitReady(ProcessHandle process) {
    ProcessSupervisor.await(
        "mongodb",
        process,
        log(),
        Duration.ofSeconds(60),
        () -> ProcessSupervisor.portAnswers(port));
  }
}
