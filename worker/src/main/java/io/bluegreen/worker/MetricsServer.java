package io.bluegreen.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.util.Duration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The worker's Prometheus endpoint: {@code GET /metrics} on the configured host and port, serving
 * one registry that holds the Temporal SDK's metrics (its Tally scope, reported through Micrometer)
 * and bluegreen's ({@link WorkerMetrics}).
 */
final class MetricsServer implements AutoCloseable {
  /** How often the SDK's Tally scope hands its values to the registry. */
  private static final Duration SDK_REPORT_EVERY = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope sdkScope;
  private final WorkerMetrics metrics;
  private final HttpServer server;

  private MetricsServer(PrometheusMeterRegistry registry, Scope sdkScope, HttpServer server) {
    this.registry = registry;
    this.sdkScope = sdkScope;
    this.metrics = new WorkerMetrics(registry);
    this.server = server;
  }

  static MetricsServer start(MetricsSettings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(SDK_REPORT_EVERY);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    } catch (IOException e) {
      closeQuietly(scope);
      throw new WorkerConfigException(
          "cannot serve metrics on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage()
              + " (set metrics.port in the worker configuration to a free port)");
    }
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bluegreen-metrics");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new MetricsServer(registry, scope, server);
  }

  /** The Temporal SDK's scope, for the service stubs. */
  Scope sdkScope() {
    return sdkScope;
  }

  WorkerMetrics metrics() {
    return metrics;
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    closeQuietly(sdkScope);
    registry.close();
  }

  private static void closeQuietly(Scope scope) {
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      // Shutting down: the last report is lost at worst.
    }
  }
}
