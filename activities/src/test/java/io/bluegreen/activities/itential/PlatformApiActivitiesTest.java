package io.bluegreen.activities.itential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.cutover.CutoverActivitiesImpl;
import io.bluegreen.activities.cutover.HealthActivitiesImpl;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.activities.provisioning.ProvisioningActivitiesImpl;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Switches through Itential's Workflow Engine API, health checks and the traffic webhook, against a
 * local fake API.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PlatformApiActivitiesTest extends ActivityTestBase {
  private static final String TOKEN = "tok-3f9a-secret";
  private SimulatedItentialApi api;
  private Connections withApi;
  private PlatformSpec blueWithApi;

  @BeforeEach
  void setUp() throws Exception {
    api = SimulatedItentialApi.withToken(TOKEN);
    withApi =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of("local", "redis://127.0.0.1:" + servers.redisPort),
            Map.of(
                "blue-api",
                new ApiEndpoint(api.baseUrl(), TOKEN),
                "bad-token",
                new ApiEndpoint(api.baseUrl(), "wrong")));
    seedBlue(1);
    blueWithApi = blue.withApiAndHealth("blue-api", null);
  }

  @AfterEach
  void tearDown() {
    api.close();
    withApi.close();
  }

  private CutoverActivities cutover() {
    return stub(
        CutoverActivities.class,
        new CutoverActivitiesImpl(withApi, Duration.ofMillis(100), Duration.ofSeconds(2)));
  }

  @Test
  void switchGoesThroughTheApiIsConfirmedAndPersistedInTheProfile() {
    CutoverActivities cutover = cutover();
    SwitchResult r =
        cutover.setSwitch(
            new SwitchInput(blueWithApi, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false));
    assertEquals(new SwitchResult(Colour.BLUE, WorkerSwitch.START_JOBS, true, false), r);
    assertFalse(api.jobWorker(), "the job worker was deactivated through the API");
    assertTrue(api.taskWorker(), "the task worker is untouched");
    assertEquals(
        false,
        db(blue)
            .getCollection("iap_profiles")
            .find(new Document("id", "blue"))
            .first()
            .getBoolean("startJobs"),
        "the profile keeps the state for a restart");
    List<String> paths = api.calls().stream().map(SimulatedItentialApi.Call::toString).toList();
    assertTrue(paths.contains("POST /workflow_engine/jobWorker/deactivate"), paths.toString());
    assertTrue(
        api.calls().stream().allMatch(SimulatedItentialApi.Call::authorized),
        "every call carried the token");

    cutover.setSwitch(
        new SwitchInput(blueWithApi, Colour.BLUE, WorkerSwitch.TASK_WORKER, "taskWorker", false));
    assertTrue(
        api.calls().stream()
            .anyMatch(c -> c.toString().equals("POST /workflow_engine/deactivate")));
    assertFalse(api.taskWorker());
    // Idempotent: switching to the state it already has makes no activate/deactivate call.
    int posts = (int) api.calls().stream().filter(c -> c.method().equals("POST")).count();
    cutover.setSwitch(
        new SwitchInput(blueWithApi, Colour.BLUE, WorkerSwitch.TASK_WORKER, "taskWorker", false));
    assertEquals(posts, api.calls().stream().filter(c -> c.method().equals("POST")).count());
  }

  @Test
  void provisioningTurnsARunningGreensWorkersOffThroughItsApi() {
    withApi.close();
    withApi =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of("local", "redis://127.0.0.1:" + servers.redisPort),
            Map.of("green-api", new ApiEndpoint(api.baseUrl(), TOKEN)));
    ProvisioningActivities provisioning =
        stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(withApi));
    provisioning.provisionGreen(
        new ProvisionInput(
            blue,
            green.withApiAndHealth("green-api", null),
            new Switches("startJobs", "taskWorker")));
    assertFalse(api.jobWorker(), "Green's job worker is off before any copy");
    assertFalse(api.taskWorker(), "Green's task worker is off before any copy");
  }

  @Test
  void aSwitchThatDoesNotTakeEffectFailsRetryably() {
    api.ignoreSwitches(true);
    ApplicationFailure f =
        failure(
            () ->
                cutover()
                    .setSwitch(
                        new SwitchInput(
                            blueWithApi,
                            Colour.BLUE,
                            WorkerSwitch.START_JOBS,
                            "startJobs",
                            false)));
    assertFalse(f.isNonRetryable(), "the next attempt may see it take effect");
    assertTrue(
        f.getOriginalMessage().contains("jobWorker did not report stopped"),
        f.getOriginalMessage());
  }

  @Test
  void aRefusedTokenIsPermanentAndNeverPrinted() {
    PlatformSpec bad = blue.withApiAndHealth("bad-token", null);
    ApplicationFailure f =
        failure(
            () ->
                cutover()
                    .setSwitch(
                        new SwitchInput(
                            bad, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false)));
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("HTTP 401"), f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("check the token of API connection 'bad-token'"),
        f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains(TOKEN) || f.getOriginalMessage().contains("wrong"));
    assertTrue(api.jobWorker(), "nothing was switched");
  }

  @Test
  void preflightRefusesAnUnknownOrUnreachableApiAndReportsWorkerStates() {
    PreflightActivities preflight =
        stub(PreflightActivities.class, new PreflightActivitiesImpl(withApi));
    Switches switches = new Switches("startJobs", "taskWorker");
    PreflightReport ok =
        preflight.preflight(
            new PreflightInput(
                blueWithApi, green, new CollectionSelection(List.of(), List.of()), switches, true));
    assertEquals("2023.2.1", ok.blueRelease(), "Blue's release as its API reports it");
    assertTrue(
        ok.findings()
            .contains(
                "blue API 'blue-api' (release 2023.2.1): job worker running (off at start-up), task worker running (off at start-up)"),
        ok.findings().toString());

    ApplicationFailure unknown =
        failure(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blue.withApiAndHealth("nope", null),
                        green,
                        new CollectionSelection(List.of(), List.of()),
                        switches,
                        true)));
    assertTrue(
        unknown.getOriginalMessage().contains("no Itential API connection named 'nope'"),
        unknown.getOriginalMessage());

    api.close();
    ApplicationFailure down =
        failure(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blueWithApi,
                        green,
                        new CollectionSelection(List.of(), List.of()),
                        switches,
                        true)));
    assertTrue(down.isNonRetryable());
    assertTrue(
        down.getOriginalMessage().contains("blue API 'blue-api' cannot be used"),
        down.getOriginalMessage());
  }

  @Test
  void healthGatePassesOnTheFirstGoodAnswerAndFailsAfterTheAllowedFailures() {
    HealthActivities health = stub(HealthActivities.class, new HealthActivitiesImpl(withApi));
    HealthCheck check = new HealthCheck(api.healthUrl(), 200, "PT0.1S", 2);
    HealthResult good = health.checkHealth(new HealthInput(Colour.GREEN, check));
    assertTrue(good.healthy());

    api.healthStatus(503);
    HealthResult bad = health.checkHealth(new HealthInput(Colour.GREEN, check));
    assertFalse(bad.healthy());
    assertEquals(3, bad.consecutiveFailures(), "two failures allowed, the third decides");
    assertTrue(bad.lastFailure().contains("HTTP 503"), bad.lastFailure());
  }

  @Test
  void healthWatchReturnsOnlyWhenGreenStaysBad() {
    HealthActivities health = stub(HealthActivities.class, new HealthActivitiesImpl(withApi));
    HealthCheck check = new HealthCheck(api.healthUrl(), 200, "PT0.01S", 3);
    // Healthy, a blip of three failures that recovers (allowed: three), healthy, then down for
    // good.
    api.healthScript(200, 200, 500, 500, 500, 200, 200, 500);
    HealthResult r = health.watchHealth(new HealthInput(Colour.GREEN, check));
    assertFalse(r.healthy());
    assertEquals(4, r.consecutiveFailures(), "more than the three allowed, in a row");
    long calls = api.calls().stream().filter(c -> c.path().equals("/health")).count();
    assertEquals(
        11, calls, "the watch went on through the blip and ended at the fourth failure in a row");
  }

  @Test
  void webhookCarriesTheColourAndAnIdempotencyKeyThatEveryRetryOfTheChangeRepeats() {
    CutoverActivities cutover = cutover();
    api.failWebhook(2); // the receiver is down for two attempts
    WebhookInput input =
        new WebhookInput(
            new TrafficWebhook(api.webhookUrl(), "PUT"),
            Colour.GREEN,
            "iap-6-upgrade",
            "2026-11-28T01:00:00Z");
    // A 503 is retryable; Temporal retries with the same input (the test environment does not
    // retry by itself, so the test does what the server would).
    for (int attempt = 1; attempt <= 2; attempt++) {
      ApplicationFailure f = failure(() -> cutover.notifyTraffic(input));
      assertFalse(f.isNonRetryable(), f.getOriginalMessage());
    }
    WebhookResult r = cutover.notifyTraffic(input);
    assertEquals(204, r.status());
    List<SimulatedItentialApi.Call> calls =
        api.calls().stream().filter(c -> c.path().equals("/traffic")).toList();
    assertEquals(3, calls.size(), "two refused attempts and the one that got through");
    assertEquals("PUT", calls.get(2).method());
    assertTrue(calls.get(2).body().contains("\"colour\":\"green\""), calls.get(2).body());
    String key = calls.get(0).idempotencyKey();
    assertTrue(key != null && !key.isBlank(), "a key is sent");
    assertEquals(
        List.of(key, key, key),
        calls.stream().map(SimulatedItentialApi.Call::idempotencyKey).toList(),
        "every retry of one change carries its key");
  }

  @Test
  void differentTrafficChangesGetDifferentIdempotencyKeys() {
    CutoverActivities cutover = cutover();
    TrafficWebhook hook = new TrafficWebhook(api.webhookUrl(), "POST");
    List<WebhookInput> changes =
        List.of(
            new WebhookInput(
                hook, Colour.GREEN, "iap-6-upgrade", "2026-11-28T01:00:00Z"), // cutover
            new WebhookInput(
                hook, Colour.BLUE, "iap-6-upgrade", "2026-11-28T02:00:00Z"), // rollback
            new WebhookInput(
                hook,
                Colour.GREEN,
                "iap-6-upgrade",
                "2026-11-28T03:00:00Z"), // cutover again, later
            new WebhookInput(
                hook, Colour.GREEN, "iap-7-upgrade", "2026-11-28T01:00:00Z")); // another deployment
    changes.forEach(cutover::notifyTraffic);
    List<String> keys =
        api.calls().stream()
            .filter(c -> c.path().equals("/traffic"))
            .map(SimulatedItentialApi.Call::idempotencyKey)
            .toList();
    assertEquals(4, keys.size());
    assertEquals(
        4, new HashSet<>(keys).size(), "a receiver must not drop a new change as a retry: " + keys);
  }
}
