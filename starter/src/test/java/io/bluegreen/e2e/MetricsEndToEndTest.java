package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker process's Prometheus endpoint, scraped while a real deployment runs on the local
 * stack.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MetricsEndToEndTest {
  private static final String WF = "bluegreen-metrics";
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
  private static LocalStackFixture fx;
  private static int metricsPort;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void upStack() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    Path state = LocalStackFixture.tempDir("bluegreen-e2e-metrics");
    Path config = state.resolve("worker-with-metrics.json");
    fx =
        new LocalStackFixture(
            state,
            stack -> {
              try {
                Files.writeString(
                    config,
                    "{\"mongo\": {\"local\": {\"uri\": \""
                        + stack.mongoUri()
                        + "\"}},"
                        + " \"redis\": {\"local\": {\"uri\": \""
                        + stack.redisUri()
                        + "\"}},"
                        + " \"metrics\": {\"host\": \"127.0.0.1\", \"port\": "
                        + metricsPort
                        + "}}");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return stack.withWorkerConfig(config);
            });
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void copyCountersEqualTheDocumentsCopiedAndPhaseAndSwitchesAreExposed() throws Exception {
    new DemoPlatform(1200, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "metrics", "metrics_green");
    // Throttled so that the copy is still running when it is scraped.
    DeploymentRequest request =
        new DeploymentRequest(
            "metrics-upgrade",
            new PlatformSpec("local", "metrics", "local", 0, "blue"),
            new PlatformSpec("local", "metrics_green", "local", 4, "green"),
            null,
            E2e.SWITCHES,
            new CopyOptions(50, 2, true, 200),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, "bluegreen:metrics", "PT2M").withTrafficRedisDb(7),
            "PT1H");
    // Started as `./bluegreen start` does: with the BlueGreenPhase search attribute, whose updates
    // are where the worker reads the phase.
    StartCommand.start(fx.client, request, WF);
    BlueGreenDeploymentWorkflow wf =
        fx.client.newWorkflowStub(BlueGreenDeploymentWorkflow.class, WF);

    // During the copy: documents are counted as they are written, and the phase is COPYING.
    // One scrape that shows a running copy: counters moving, a rate, phase COPYING (between two
    // batches, or between two collections, a scrape may catch no rate, so the condition is
    // awaited).
    E2e.awaitTrue(
        "copy counters and a copy rate while COPYING",
        120_000,
        () -> {
          Map<String, Double> m = scrape();
          return sum(m, "bluegreen_copy_documents_total") > 0
              && sum(m, "bluegreen_copy_rate_documents_per_second") > 0
              && m.getOrDefault(key("bluegreen_deployment_phase", "phase", "COPYING"), 0.0) == 1.0;
        });

    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    Map<String, Double> m = scrape();
    long total = 0;
    for (CollectionProgress c : waiting.collections()) {
      assertEquals(
          (double) c.copied(),
          m.getOrDefault(key("bluegreen_copy_documents_total", "collection", c.name()), 0.0),
          "copied documents of " + c.name());
      assertEquals(
          (double) c.documents(),
          m.getOrDefault(key("bluegreen_verify_documents_total", "collection", c.name()), 0.0),
          "verified documents of " + c.name());
      if (c.copied() > 0) {
        assertTrue(
            m.getOrDefault(key("bluegreen_copy_bytes_total", "collection", c.name()), 0.0)
                > c.copied() * 10,
            "bytes copied of " + c.name());
      }
      total += c.copied();
    }
    assertEquals(
        (double) total,
        sum(m, "bluegreen_copy_documents_total"),
        "no documents counted that were not copied");
    assertTrue(total >= 1200, "the seeded resource documents were copied: " + total);
    assertEquals(0.0, sum(m, "bluegreen_verify_differences_total"), "Green matches Blue");
    assertEquals(1.0, m.get(key("bluegreen_deployment_phase", "phase", "AWAITING_APPROVAL")));
    assertEquals(0.0, m.get(key("bluegreen_deployment_phase", "phase", "COPYING")));
    assertTrue(
        m.keySet().stream().anyMatch(k -> k.startsWith("temporal_")),
        "the Temporal SDK's metrics are served too");

    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, "metrics", "blue", "startJobs", Duration.ofMillis(200))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e", "metrics"));
      LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }
    Map<String, Double> live = scrape();
    assertEquals(1.0, live.get(key("bluegreen_deployment_phase", "phase", "LIVE")));
    // Cutover: Blue's startJobs and taskWorker off, Green's both on.
    assertEquals(4.0, sum(live, "bluegreen_switch_changes_total"), "switch changes: " + live);
    assertEquals(1.0, live.get(key("bluegreen_traffic_changes_total", "colour", "green")));
    assertTrue(
        live.keySet().stream()
            .anyMatch(
                k ->
                    k.startsWith(
                        "bluegreen_activity_duration_seconds_count{activity=\"SetSwitch\"")),
        "activity outcomes are timed");
  }

  /** Every sample of the endpoint, by name and labels as printed (labels in alphabetical order). */
  private Map<String, Double> scrape() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      Map<String, Double> samples = new HashMap<>();
      for (String line : r.body().split("\n")) {
        Matcher matcher = SAMPLE.matcher(line);
        if (!line.startsWith("#") && matcher.matches()) {
          samples.put(
              matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)),
              Double.parseDouble(matcher.group(3)));
        }
      }
      return samples;
    } catch (IOException e) {
      return Map.of(); // the worker is still starting its endpoint
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The sample of {@code name} for this deployment with one more label (labels sort
   * alphabetically).
   */
  private static String key(String name, String label, String value) {
    String own = label + "=\"" + value + "\"";
    String wf = "workflow_id=\"" + WF + "\"";
    return name
        + "{"
        + (label.compareTo("workflow_id") < 0 ? own + "," + wf : wf + "," + own)
        + "}";
  }

  private static double sum(Map<String, Double> samples, String name) {
    return samples.entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith(name + "{")
                    && e.getKey().contains("workflow_id=\"" + WF + "\""))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
