package io.bluegreen.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The bluegreen worker ({@code io.bluegreen.worker.WorkerMain}) in its own JVM, pointed at the
 * local Temporal and given a configuration whose connections are named {@code local}.
 */
final class WorkerPiece extends Piece {
  static final String MAIN_CLASS = "io.bluegreen.worker.WorkerMain";

  /** How long to wait for the log to say the worker started. */
  private static final Duration LOG_WAIT = Duration.ofSeconds(20);

  /** A line saying a worker (or workers / the worker factory) started, in any wording order. */
  private static final Pattern STARTED =
      Pattern.compile("(?i)worker.*\\bstarted\\b|\\bstarted\\b.*worker");

  private final Supplier<String> temporalAddress;
  private final Supplier<Path> config;
  private final Supplier<Map<String, String>> extraEnv;
  private long logOffsetAtLaunch;

  WorkerPiece(
      Path stateDir,
      Supplier<String> temporalAddress,
      Supplier<Path> config,
      Supplier<Map<String, String>> extraEnv,
      Consumer<String> out) {
    super("worker", stateDir, out);
    this.temporalAddress = temporalAddress;
    this.config = config;
    this.extraEnv = extraEnv;
  }

  @Override
  int port() {
    return NO_PORT;
  }

  @Override
  String address() {
    return "task queue blue-green on " + temporalAddress.get();
  }

  @Override
  String note() {
    return "bluegreen worker, config " + config.get() + ", log " + log();
  }

  @Override
  protected ProcessHandle launch() {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", temporalAddress.get());
    env.put("TEMPORAL_NAMESPACE", TemporalPiece.NAMESPACE);
    env.putAll(extraEnv.get());
    logOffsetAtLaunch = log().toFile().length();
    List<String> command = command(config.get());
    return ProcessSupervisor.spawn(command, env, log(), pidFile());
  }

  /**
   * The worker's command line. An out-of-memory worker exits (and Temporal retries its activities
   * on another) instead of living on as a broken JVM that holds them.
   */
  static List<String> command(Path config) {
    return JavaCommand.of(
        MAIN_CLASS,
        List.of(JavaCommand.EXIT_ON_OUT_OF_MEMORY),
        List.of("--config", config.toString()));
  }

  /**
   * Ready when the log, from this launch on, says the worker started; a worker whose log does not
   * say so within {@link #LOG_WAIT} counts as ready if it is still alive then, so a reworded log
   * line slows {@code up} down instead of failing it. A worker that dies meanwhile fails {@code up}
   * with its last log line.
   */
  @Override
  protected void awaitReady(ProcessHandle process) {
    Instant giveUpOnLog = Instant.now().plus(LOG_WAIT);
    ProcessSupervisor.await(
        "worker",
        process,
        log(),
        LOG_WAIT.plusSeconds(10),
        () -> logSaysStarted() || Instant.now().isAfter(giveUpOnLog));
  }

  private boolean logSaysStarted() {
    try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
      file.seek(Math.min(logOffsetAtLaunch, file.length()));
      byte[] bytes = new byte[(int) Math.min(file.length() - file.getFilePointer(), 1 << 20)];
      file.readFully(bytes);
      return STARTED.matcher(new String(bytes, StandardCharsets.UTF_8)).find();
    } catch (IOException e) {
      return false;
    }
  }
}
