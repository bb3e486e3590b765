package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * FerretDB 1.24.2 with its SQLite backend on loopback: a disk-backed MongoDB-wire server, so data
 * sets larger than memory fit. Its SQLite files live in the state folder and survive restarts.
 */
final class FerretDbPiece extends Piece {
  private final Path home;
  private final int port;

  FerretDbPiece(Path stateDir, Path home, int port, Consumer<String> out) {
    super("mongodb", stateDir, out);
    this.home = home;
    this.port = port;
  }

  @Override
  int port() {
    return port;
  }

  @Override
  String address() {
    return "mongodb://" + ProcessSupervisor.LOOPBACK + ":" + port;
  }

  @Override
  String note() {
    return "FerretDB " + FerretDbBinary.VERSION + " (SQLite), data in " + dataDir();
  }

  Path dataDir() {
    return stateDir.resolve("ferretdb");
  }

  @Override
  protected ProcessHandle launch() {
    Path binary = FerretDbBinary.findOrBuild(home, out);
    try {
      Files.createDirectories(dataDir().resolve("sqlite"));
    } catch (IOException e) {
      throw new DevStackException("cannot create " + dataDir() + ": " + e.getMessage(), e);
    }
    List<String> command =
        List.of(
            binary.toString(),
            "--handler=sqlite",
            "--sqlite-url=file:" + dataDir().resolve("sqlite") + "/",
            "--state-dir=" + dataDir(),
            "--listen-addr=" + ProcessSupervisor.LOOPBACK + ":" + port,
            // Its debug HTTP listener defaults to a fixed port (8088): off, so stacks never
            // collide.
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=warn");
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
