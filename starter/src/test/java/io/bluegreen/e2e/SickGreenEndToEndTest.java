package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The moments the promise "Blue is one signal away" is tested by, on the real local stack (the
 * temporal dev server, the MongoDB-wire server, redis-server, the worker in its own process), with
 * both platforms switched through (fake) Itential APIs: Green's API failing exactly when the
 * operator rolls back, and a cancel from Temporal while Blue's jobs drain. Each time Blue must be
 * taking jobs again within 60 s.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SickGreenEndToEndTest {
  private static final long BLUE_SERVING_WITHIN_MILLIS = 60_000;
  private static SimulatedItentialApi blueApi;
  private static SimulatedItentialApi greenApi;
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    blueApi = SimulatedItentialApi.withToken("blue-token-sick");
    greenApi = SimulatedItentialApi.withToken("green-token-sick");
    greenApi.setWorkers(false, false);
    fx =
        LocalStackFixture.withApis(
            "bluegreen-sick",
            Map.of(
                "blue-api",
                    Map.of("url", blueApi.baseUrl().toString(), "token", "${BLUE_API_TOKEN}"),
                "green-api",
                    Map.of("url", greenApi.baseUrl().toString(), "token", "${GREEN_API_TOKEN}")),
            Map.of("BLUE_API_TOKEN", "blue-token-sick", "GREEN_API_TOKEN", "green-token-sick"));
  }

  @AfterAll
  static void down() {
    if (fx != null) {
      fx.close();
    }
    blueApi.close();
    greenApi.close();
  }

  private static DeploymentRequest request(String blueDb, String trafficKey, String drainTimeout) {
    return new DeploymentRequest(
        "sick-green-" + blueDb,
        new PlatformSpec("local", blueDb, "local", 0, "blue").withApiAndHealth("blue-api", null),
        new PlatformSpec("local", blueDb + "_green", "local", 1, "green")
            .withApiAndHealth("green-api", null),
        null,
        null,
        new CopyOptions(100, 4, true),
        new ApprovalOptions("PT1H"),
        new CutoverOptions(null, trafficKey, drainTimeout).withTrafficRedisDb(0),
        "PT1H");
  }

  @Test
  void rollbackWithGreensApiFailingHasBlueServingWithin60sAndGreenOffOnceItAnswers()
      throws Exception {
    blueApi.setWorkers(true, true);
    greenApi.setWorkers(false, false);
    new DemoPlatform(100, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "sick", "sick_green");
    // Blue's running jobs have finished, so the drain passes at once.
    fx.mongo
        .getDatabase("sick")
        .getCollection("jobs")
        .updateMany(
            new Document("status", "running"),
            new Document("$set", new Document("status", "complete")));
    BlueGreenDeploymentWorkflow wf =
        fx.start("bluegreen-sick", request("sick", "bluegreen:sick", "PT2M"));
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "go")).accepted());
    LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    assertEquals("green", E2e.trafficKey(fx, "bluegreen:sick"));

    greenApi.switchStatus(503); // Green's API fails exactly when the operator rolls back
    long asked = System.nanoTime();
    DecisionResult answer = wf.rollbackDecision(new OperatorSignal("e2e", "green is sick"));
    assertTrue(answer.accepted(), answer.toString());
    E2e.awaitTrue(
        "Blue serving: both workers on through its API and the traffic key blue",
        BLUE_SERVING_WITHIN_MILLIS,
        () ->
            blueApi.jobWorker()
                && blueApi.taskWorker()
                && "blue".equals(E2e.trafficKey(fx, "bluegreen:sick")));
    long servedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
    DeploymentStatus rolledBack = LocalStackFixture.awaitPhase(wf, Phase.ROLLED_BACK);
    assertTrue(rolledBack.restore().blueServing(), rolledBack.restore().toString());
    assertNull(
        rolledBack.restore().greenOff(),
        "Green is still being turned off: " + rolledBack.restore());
    assertTrue(greenApi.jobWorker(), "Green's API refuses, so Green is still on");
    System.out.println(
        "Blue serving " + servedAfterMillis + " ms after the rollback with Green's API failing");

    greenApi.switchStatus(200); // Green answers again
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(3, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Boolean.TRUE, done.restore().greenOff(), done.restore().toString());
    assertFalse(
        greenApi.jobWorker() || greenApi.taskWorker(), "Green's workers off once its API answers");
    assertEquals(
        true, E2e.switchOf(fx, "sick", "blue", "startJobs"), "Blue's profile says its jobs start");
  }

  @Test
  void cancelFromTemporalDuringTheDrainHasBlueTakingJobsWithin60s() throws Exception {
    blueApi.setWorkers(true, true);
    greenApi.setWorkers(false, false);
    greenApi.switchStatus(200);
    // The demo platform's running jobs never finish here, which keeps the cutover in its drain.
    new DemoPlatform(100, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "drainy", "drainy_green");
    assertTrue(
        fx.mongo
                .getDatabase("drainy")
                .getCollection("jobs")
                .countDocuments(new Document("status", "running"))
            > 0);
    BlueGreenDeploymentWorkflow wf =
        fx.start("bluegreen-drainy", request("drainy", "bluegreen:drainy", "PT30M"));
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(new OperatorSignal("e2e", "go"));
    LocalStackFixture.await(
        wf,
        Duration.ofSeconds(60),
        s -> s.waitingFor() != null && s.waitingFor().startsWith("Blue's running jobs to finish"));
    E2e.awaitTrue("Blue's job worker off for the drain", 30_000, () -> !blueApi.jobWorker());

    long asked = System.nanoTime();
    WorkflowStub.fromTyped(wf).cancel();
    E2e.awaitTrue("Blue taking jobs again", BLUE_SERVING_WITHIN_MILLIS, () -> blueApi.jobWorker());
    System.out.println(
        "Blue taking jobs "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)
            + " ms after a cancel during the drain");
    LocalStackFixture.await(wf, Duration.ofSeconds(60), s -> s.phase() == Phase.ROLLED_BACK);
    assertFalse(greenApi.jobWorker(), "Green was never switched on");
  }
}
