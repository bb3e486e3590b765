package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deployment whose platforms are switched through their (fake) Itential API, whose cutover is
 * gated on Green's health, and which rolls back by itself when Green's health goes bad after
 * cutover; the audit, rendered from history alone, shows every call.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class LivePlatformEndToEndTest {
  private static final String BLUE_TOKEN = "blue-token-5c1e";
  private static final String GREEN_TOKEN = "green-token-77ab";
  private static SimulatedItentialApi blueApi;
  private static SimulatedItentialApi greenApi;
  private static SimulatedItentialApi trafficHook;
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    // Blue, a 2023.2 platform, logs in with POST /login (BLUE_TOKEN is its password); Green, a
    // Platform 6, with OAuth client credentials (GREEN_TOKEN is the client secret).
    blueApi = SimulatedItentialApi.withLogin("2023.2.1", "bluegreen", BLUE_TOKEN);
    greenApi = SimulatedItentialApi.withOAuth("6.0.3", "bluegreen", GREEN_TOKEN);
    greenApi.setWorkers(false, false); // Green is stood up with its workers off
    trafficHook = SimulatedItentialApi.withToken(null);
    fx =
        LocalStackFixture.withApis(
            "bluegreen-live",
            Map.of(
                "blue-api",
                Map.of(
                    "url",
                    blueApi.baseUrl().toString(),
                    "user",
                    "bluegreen",
                    "password",
                    "${BLUE_API_TOKEN}"),
                "green-api",
                Map.of(
                    "url",
                    greenApi.baseUrl().toString(),
                    "clientId",
                    "bluegreen",
                    "clientSecret",
                    "${GREEN_API_TOKEN}")),
            Map.of("BLUE_API_TOKEN", BLUE_TOKEN, "GREEN_API_TOKEN", GREEN_TOKEN));
  }

  @AfterAll
  static void down() {
    if (fx != null) {
      fx.close();
    }
    blueApi.close();
    greenApi.close();
    trafficHook.close();
  }

  @Test
  void greenGoingBadAfterCutoverRollsBackThroughTheApiAndTheAuditShowsEveryCall() throws Exception {
    new DemoPlatform(200, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential", "itential_green");
    DeploymentRequest request =
        new DeploymentRequest(
            "live-api-upgrade",
            new PlatformSpec("local", "itential", "local", 0, "blue")
                .withApiAndHealth("blue-api", null),
            new PlatformSpec("local", "itential_green", "local", 1, "green")
                .withApiAndHealth(
                    "green-api", new HealthCheck(greenApi.healthUrl(), 200, "PT1S", 2)),
            null,
            null,
            new CopyOptions(100, 4, true),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(
                    null,
                    "bluegreen:live",
                    "PT2M",
                    new TrafficWebhook(trafficHook.webhookUrl(), "POST"))
                .withTrafficRedisDb(0),
            "PT1H");
    String id = "bluegreen-itential";
    BlueGreenDeploymentWorkflow wf = fx.start(id, request);
    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(
        waiting.events().stream()
            .anyMatch(
                e ->
                    e.message()
                        .contains(
                            "blue API 'blue-api' (release 2023.2.1): job worker running (off at start-up), task worker running (off at start-up)")),
        "preflight reads each platform's workers through its API");

    assertEquals("2023.2.1", waiting.blueRelease(), "Blue's release from its API");
    assertEquals("6.0.3", waiting.greenRelease(), "Green's release from its API");
    // Blue's jobs drain once its job worker is off, as its API reports it (no profile field is
    // toggled).
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, "itential", blueApi::jobWorker, Duration.ofMillis(200))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e", "green checked"));
      DeploymentStatus live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);
      assertTrue(live.failoverUntil() != null);
    }
    assertFalse(blueApi.jobWorker(), "Blue's job worker deactivated through its API");
    assertFalse(blueApi.taskWorker(), "Blue's task worker deactivated through its API");
    assertTrue(
        greenApi.jobWorker() && greenApi.taskWorker(), "Green's workers activated through its API");
    assertEquals("green", E2e.trafficKey(fx, "bluegreen:live"));

    greenApi.healthStatus(500);
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, DeploymentStatus.class);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    SignalRecord rollback = done.approvals().get(done.approvals().size() - 1);
    assertEquals("health-gate", rollback.by());
    assertTrue(rollback.reason().contains("HTTP 500"), rollback.reason());
    assertTrue(blueApi.jobWorker() && blueApi.taskWorker(), "Blue's workers back on");
    assertFalse(greenApi.jobWorker() || greenApi.taskWorker(), "Green's workers off");
    assertEquals("blue", E2e.trafficKey(fx, "bluegreen:live"));
    List<String> hook = trafficHook.calls().stream().map(SimulatedItentialApi.Call::body).toList();
    assertEquals(2, hook.size(), hook.toString());
    assertTrue(
        hook.get(0).contains("\"green\"") && hook.get(1).contains("\"blue\""), hook.toString());
    assertTrue(
        blueApi.calls().stream()
            .filter(c -> c.path().startsWith("/workflow_engine"))
            .allMatch(SimulatedItentialApi.Call::authorized));
    assertTrue(
        blueApi.calls().stream().anyMatch(c -> c.toString().equals("POST /login")),
        "Blue was logged in to");
    assertTrue(
        greenApi.calls().stream().anyMatch(c -> c.toString().equals("POST /oauth/token")),
        "Green gave an OAuth token");
    assertTrue(greenApi.calls().stream().anyMatch(c -> c.path().equals("/health")));

    // The audit comes from history alone and shows each call the deployment made.
    var history = fx.client.fetchHistory(id);
    String audit =
        AuditReport.from(history, fx.client.getOptions().getDataConverter(), Optional.of(done))
            .toMarkdown();
    assertTrue(
        audit.contains("| Releases | Blue 2023.2.1, Green 6.0.3 |"),
        "the audit shows both releases");
    for (String expected :
        List.of(
            "SetSwitch",
            "CheckHealth",
            "WatchHealth",
            "NotifyTraffic",
            "PointTraffic",
            "health-gate")) {
      assertTrue(audit.contains(expected), "audit lacks " + expected);
    }
    String historyJson = history.toJson(false);
    assertFalse(
        historyJson.contains(BLUE_TOKEN) || historyJson.contains(GREEN_TOKEN),
        "no API credential in workflow history");
    String workerLog = Files.readString(fx.stack.workerLog());
    assertFalse(
        workerLog.contains(BLUE_TOKEN) || workerLog.contains(GREEN_TOKEN),
        "no API credential in the worker log");
    for (String issued :
        Stream.concat(blueApi.issuedTokens().stream(), greenApi.issuedTokens().stream()).toList()) {
      assertFalse(
          historyJson.contains(issued) || workerLog.contains(issued),
          "no issued session or OAuth token in history or log");
    }
    assertFalse(
        blueApi.issuedTokens().isEmpty() || greenApi.issuedTokens().isEmpty(),
        "both platforms issued a token");
  }
}
