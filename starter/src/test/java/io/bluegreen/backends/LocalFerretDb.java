package io.bluegreen.backends;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.FerretDbBinary;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FerretDB 1.24.2 with its SQLite backend on a free loopback port, data and log in {@code dir}: the
 * disk-backed local backend, for tests that check behaviour on it. The binary is the stack's
 * ({@link FerretDbBinary}: {@code BLUEGREEN_FERRETDB_BIN}, else built into {@code .tools/bin}).
 */
final class LocalFerretDb implements AutoCloseable {
  final String uri;
  private final Process process;

  private LocalFerretDb(String uri, Process process) {
    this.uri = uri;
    this.process = process;
  }

  static LocalFerretDb start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path binary = FerretDbBinary.findOrBuild(DevStack.defaultHome(), System.out::println);
    Path data = Files.createDirectories(dir.resolve("sqlite"));
    Path log = dir.resolve("ferretdb.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--handler=sqlite",
                    "--sqlite-url=file:" + data + "/",
                    "--state-dir=" + dir,
                    "--listen-addr=127.0.0.1:" + port,
                    "--debug-addr=-",
                    "--telemetry=disable",
                    "--log-level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new LocalFerretDb(
            "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000", process);
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("FerretDB did not start: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
