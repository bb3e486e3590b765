package io.bluegreen.e2e;

import io.bluegreen.devstack.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more bluegreen worker process ({@code bluegreen worker}) against a test class's local stack,
 * with a configuration of its own (connections {@code local} plus a {@code worker} section), its
 * own log, and the signals an operator or a crash sends it.
 */
final class WorkerProcess implements AutoCloseable {
  static final String MAIN_CLASS = "io.bluegreen.worker.WorkerMain";

  final String name;
  final Path log;
  private final Process process;

  private WorkerProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Launches the worker; does not wait for it (see {@link #awaitStarted()}). */
  static WorkerProcess launch(
      LocalStackFixture fx, Path dir, String name, String heap, String workerSection)
      throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve(name + ".json");
    Files.writeString(
        config,
        "{\"mongo\": {\"local\": {\"uri\": \""
            + fx.stack.mongoUri()
            + "\"}},\n"
            + " \"redis\": {\"local\": {\"uri\": \""
            + fx.stack.redisUri()
            + "\"}},\n"
            + " \"worker\": "
            + workerSection
            + "}\n",
        StandardCharsets.UTF_8);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                JavaCommand.of(
                    MAIN_CLASS,
                    List.of("-Xmx" + heap, "-XX:+UseG1GC", JavaCommand.EXIT_ON_OUT_OF_MEMORY),
                    List.of("--config", config.toString())))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "TEMPORAL_ADDRESS", fx.stack.temporalAddress(), "TEMPORAL_NAMESPACE", "default"));
    return new WorkerProcess(name, log, pb.start());
  }

  /** Launches the worker and waits until it polls. */
  static WorkerProcess start(
      LocalStackFixture fx, Path dir, String name, String heap, String workerSection)
      throws Exception {
    WorkerProcess w = launch(fx, dir, name, heap, workerSection);
    w.awaitStarted();
    return w;
  }

  void awaitStarted() throws InterruptedException {
    E2e.awaitTrue(
        name + " started (log " + log + ")",
        90_000,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + ": " + log());
          }
          return log().contains("worker started");
        });
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM: what systemd or Kubernetes sends to stop the worker. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL: a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit code, once the process ended within {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          name + " still running " + timeout + " after the signal; log: " + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
