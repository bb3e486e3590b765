package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** redis-server on loopback with an append-only file in the state folder. */
final class RedisPiece extends Piece {
  private final int port;

  RedisPiece(Path stateDir, int port, Consumer<String> out) {
    super("redis", stateDir, out);
    this.port = port;
  }

  @Override
  int port() {
    return port;
  }

  @Override
  String address() {
    return "redis://" + ProcessSupervisor.LOOPBACK + ":" + port;
  }

  @Override
  String note() {
    // Recorded at launch: the process's own executable path says redis-check-rdb on Debian,
    // where redis-server is a link to it.
    String which;
    try {
      which = Files.readString(binaryFile()).strip();
    } catch (IOException e) {
      which = "redis-server";
    }
    return which + ", append-only file in " + dataDir();
  }

  private Path binaryFile() {
    return stateDir.resolve("redis.binary");
  }

  Path dataDir() {
    return stateDir.resolve("redis");
  }

  @Override
  protected ProcessHandle launch() {
    RedisBinary.Found binary = RedisBinary.find(stateDir);
    try {
      Files.createDirectories(dataDir());
      Files.writeString(
          binaryFile(), (binary.embedded() ? "embedded-redis binary " : "") + binary.path() + "\n");
    } catch (IOException e) {
      throw new DevStackException("cannot write to " + stateDir + ": " + e.getMessage(), e);
    }
    // The append-only file, not RDB snapshots, keeps data across restarts: every acknowledged
    // write is in the file before the reply, so even a SIGKILL loses nothing the OS has.
    List<String> command =
        List.of(
            binary.path().toString(),
            "--port",
            String.valueOf(port),
            "--bind",
            ProcessSupervisor.LOOPBACK,
            "--dir",
            dataDir().toString(),
            "--daemonize",
            "no",
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec");
    return ProcessSupervisor.spawn(command, Map.of(), log(), pidFile());
  }

  @Override
  protected void awaitReady(ProcessHandle process) {
    // The port opens only after the append-only file is loaded, so an open port means the data
    // is there.
    ProcessSupervisor.await(
        "redis", process, log(), Duration.ofSeconds(60), () -> ProcessSupervisor.portAnswers(port));
  }
}
