package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MetricsConfigAndEndpointTest {
  @TempDir Path dir;

  private WorkerConfig load(String metrics) throws Exception {
    Path f = dir.resolve("worker.json");
    Files.writeString(f, "{\"mongo\": {\"local\": \"mongodb://127.0.0.1:27017\"}" + metrics + "}");
    return WorkerConfig.load(f, Map.<String, String>of()::get);
  }

  @Test
  void theMetricsSectionIsOptionalAndValidated() throws Exception {
    assertNull(load("").metrics(), "no section: no endpoint");
    assertEquals(
        new MetricsSettings("0.0.0.0", 9464), load(", \"metrics\": {\"port\": 9464}").metrics());
    assertEquals(
        new MetricsSettings("127.0.0.1", 9100),
        load(", \"metrics\": {\"port\": 9100, \"host\": \"127.0.0.1\"}").metrics());
    WorkerConfigException bad =
        assertThrows(WorkerConfigException.class, () -> load(", \"metrics\": {\"port\": \"x\"}"));
    assertTrue(
        bad.getMessage().contains("metrics.port must be a TCP port number"), bad.getMessage());
    WorkerConfigException unknown =
        assertThrows(
            WorkerConfigException.class,
            () -> load(", \"metrics\": {\"port\": 1, \"path\": \"/m\"}"));
    assertTrue(
        unknown.getMessage().contains("unknown field \"metrics.path\""), unknown.getMessage());
  }

  @Test
  void theEndpointServesBluegreensMetricsInPrometheusFormatAndABusyPortIsNamed() throws Exception {
    try (MetricsServer server = MetricsServer.start(new MetricsSettings("127.0.0.1", 0))) {
      WorkerMetrics m = server.metrics();
      m.copied("wf-1", "workflows", 1000, 250_000);
      m.copied("wf-1", "workflows", 500, 125_000);
      m.switchSet("wf-1", "blue", "startJobs", true, false);
      m.switchSet("wf-1", "blue", "taskWorker", false, false); // unchanged: not a change
      m.phase("wf-1", "COPYING");
      m.phase("wf-1", "VERIFYING");
      m.activityFailed("CopyCollection", "MongoTimeoutException", true);

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = r.body();
      assertTrue(
          body.contains(
              "bluegreen_copy_documents_total{collection=\"workflows\",workflow_id=\"wf-1\"} 1500.0"),
          body);
      assertTrue(
          body.contains(
              "bluegreen_copy_bytes_total{collection=\"workflows\",workflow_id=\"wf-1\"} 375000.0"),
          body);
      assertTrue(
          body.contains(
              "bluegreen_switch_changes_total{colour=\"blue\",on=\"false\",switch=\"startJobs\",workflow_id=\"wf-1\"} 1.0"),
          body);
      assertTrue(
          !body.contains("switch=\"taskWorker\""),
          "a switch set to the value it had is no change: " + body);
      assertTrue(
          body.contains("bluegreen_deployment_phase{phase=\"VERIFYING\",workflow_id=\"wf-1\"} 1.0"),
          body);
      assertTrue(
          body.contains("bluegreen_deployment_phase{phase=\"COPYING\",workflow_id=\"wf-1\"} 0.0"),
          body);
      assertTrue(
          body.contains(
              "bluegreen_activity_failures_total{activity=\"CopyCollection\",retried=\"true\",type=\"MongoTimeoutException\"} 1.0"),
          body);

      WorkerConfigException busy =
          assertThrows(
              WorkerConfigException.class,
              () -> MetricsServer.start(new MetricsSettings("127.0.0.1", server.port())));
      assertTrue(
          busy.getMessage().contains("cannot serve metrics on 127.0.0.1:" + server.port()),
          busy.getMessage());
    }
  }
}
