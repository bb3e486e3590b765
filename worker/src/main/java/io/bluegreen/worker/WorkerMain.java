package io.bluegreen.worker;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.MemoryBudget;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.workflows.TaskQueues;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code bluegreen worker [--config FILE]}: runs the worker until SIGTERM/SIGINT, then shuts down
 * gracefully. Startup problems print one line and exit with code 2.
 */
public final class WorkerMain {
  static final int STARTUP_ERROR = 2;
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    // gRPC logs through java.util.logging; route it into the same console format and levels.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();

    Path configFile;
    try {
      configFile = configPath(args, System.getenv("BLUEGREEN_WORKER_CONFIG"));
    } catch (IllegalArgumentException e) {
      System.err.println("bluegreen worker: " + e.getMessage());
      System.exit(STARTUP_ERROR);
      return;
    }
    if (configFile == null) {
      System.out.println(
          "usage: bluegreen worker [--config FILE]   (default: $BLUEGREEN_WORKER_CONFIG, else ./bluegreen-worker.json)");
      return;
    }

    Connections connections;
    TemporalConnection temporal;
    BlueGreenWorker worker;
    WorkerSizing sizing;
    MetricsServer metricsServer = null;
    try {
      WorkerConfig config = WorkerConfig.load(configFile);
      // Before any connection: a worker sized beyond its heap does not start at all.
      sizing =
          WorkerSizing.resolve(
              config.worker(),
              Runtime.getRuntime().maxMemory(),
              hostname(),
              config.metrics() == null ? null : config.metrics().port());
      log.info("worker sizing: {}", sizing.describe());
      MemoryBudget.limitTo(sizing.memoryBudgetMb());
      connections = config.toConnections();
      if (config.policy().allowedUrls() == null) {
        log.warn(
            "no http.allowedUrls in {}: a request may make this worker call any URL (health checks, webhook);"
                + " list the allowed URL prefixes there",
            configFile);
      }
      if (config.metrics() != null) {
        metricsServer = MetricsServer.start(config.metrics());
      }
      var encryption = config.encryption();
      encryption.ifPresent(
          e ->
              log.info(
                  "payload encryption on: new payloads with key id {} (keys {})",
                  e.keys().currentKeyId(),
                  e.keys().keyIds()));
      temporal =
          TemporalConnection.connect(
              Duration.ofSeconds(10),
              metricsServer == null ? null : metricsServer.sdkScope(),
              encryption.map(EncryptionSettings::dataConverter).orElse(null));
      worker =
          new BlueGreenWorker(
              temporal.client(),
              connections,
              metricsServer == null ? null : metricsServer.metrics(),
              sizing,
              encryption.map(EncryptionSettings::keys));
      worker.start();
    } catch (RuntimeException e) {
      // Messages of our own exceptions are written to be printed and never contain secrets.
      System.err.println("bluegreen worker: " + e.getMessage());
      System.exit(STARTUP_ERROR);
      return;
    }
    log.info(
        "worker started: temporal={} namespace={} taskQueue={} mongo={} redis={} api={}",
        temporal.address(),
        temporal.namespace(),
        TaskQueues.BLUE_GREEN,
        connections.mongoNames(),
        connections.redisNames(),
        connections.apiNames());
    // In the background: up to a hundred history reads must not hold up the polls.
    TemporalConnection connected = temporal;
    Thread check =
        new Thread(() -> PreFloorRuns.warn(connected.client()), "bluegreen-pre-floor-check");
    check.setDaemon(true);
    check.start();
    if (metricsServer != null) {
      log.info("metrics: Prometheus endpoint /metrics on port {}", metricsServer.port());
    }
    MetricsServer metricsToClose = metricsServer;
    Duration grace = sizing.shutdownGrace();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info(
                      "shutting down: no new tasks; running activities stop at their next heartbeat or finish"
                          + " (up to {}), the rest is retried on another worker",
                      grace);
                  worker.shutdown(grace);
                  temporal.close();
                  connections.close();
                  if (metricsToClose != null) {
                    metricsToClose.close();
                  }
                  log.info("worker stopped");
                  stopped.countDown();
                },
                "bluegreen-worker-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This machine's name for the default worker identity; stable across restarts, unlike a pid. */
  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }

  /**
   * The configuration file: {@code --config FILE}, else {@code envDefault}, else
   * ./bluegreen-worker.json. Null means help was asked for.
   */
  static Path configPath(String[] args, String envDefault) {
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return null;
      } else if (a.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--config needs a file name");
        }
        file = args[++i];
      } else if (a.startsWith("--config=")) {
        file = a.substring("--config=".length());
      } else {
        throw new IllegalArgumentException(
            "unknown argument '" + a + "' (usage: bluegreen worker [--config FILE])");
      }
    }
    if (file == null) {
      file = envDefault != null && !envDefault.isBlank() ? envDefault : "bluegreen-worker.json";
    }
    return Path.of(file);
  }
}
