package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.SignalRecord;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue is one decision away at every moment: the restore routine with a failing or hanging Green,
 * cancellation from Temporal in each phase, every phase after approval escapable and bounded,
 * decisions as Updates with their synchronous answer, and the first of two contradictory decisions
 * winning. Activities are {@link FakePlatforms}; time skips on the test server.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RestoreAndDecisionsWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  private FakePlatforms platforms;

  private BlueGreenDeploymentWorkflow start(DeploymentRequest request) {
    if (platforms == null) {
      platforms = new FakePlatforms(2, 100);
    }
    return fixture.platforms(platforms).start(request);
  }

  private static DeploymentRequest request() {
    return BlueGreenDeploymentWorkflowTest.request();
  }

  private static DeploymentRequest withWebhook() {
    DeploymentRequest r = request();
    return new DeploymentRequest(
        r.deployment(),
        r.blue(),
        r.green(),
        null,
        null,
        null,
        null,
        new CutoverOptions(
            null, null, null, new TrafficWebhook("http://127.0.0.1:9/traffic", null)),
        null);
  }

  private BlueGreenDeploymentWorkflow live(DeploymentRequest request) throws InterruptedException {
    BlueGreenDeploymentWorkflow wf = start(request);
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(by("alice")).accepted());
    awaitPhase(wf, Phase.LIVE);
    return wf;
  }

  private void assertBlueServing() {
    assertEquals(true, platforms.switches.get("blue.startJobs"), "Blue takes jobs");
    assertEquals(true, platforms.switches.get("blue.taskWorker"), "Blue runs tasks");
    assertEquals("blue", platforms.traffic, "traffic key points at Blue");
  }

  // ---- the restore routine with a sick Green
  // -----------------------------------------------------

  @Test
  void rollbackWithGreenFailingServesBlueFirstAndGivesUpOnGreenWithANote() throws Exception {
    BlueGreenDeploymentWorkflow wf = live(withWebhook());
    platforms.greenSwitchMode = "5xx";

    DecisionResult answer = wf.rollbackDecision(by("bob"));
    assertTrue(answer.accepted(), answer.toString());
    assertEquals(Phase.LIVE, answer.phase());

    DeploymentStatus rolledBack = awaitPhase(wf, Phase.ROLLED_BACK);
    assertBlueServing();
    assertTrue(rolledBack.restore().blueServing());
    assertNull(
        rolledBack.restore().greenOff(), "Green is still being tried: " + rolledBack.restore());
    assertNotNull(rolledBack.restore().greenRetryUntil());
    assertEquals(
        List.of("POST http://127.0.0.1:9/traffic green", "POST http://127.0.0.1:9/traffic blue"),
        platforms.webhookCalls);
    // Blue's steps all came before the first attempt to turn Green off.
    List<String> restore =
        platforms.calls.subList(
            platforms.calls.lastIndexOf("webhook green") + 1, platforms.calls.size());
    assertEquals(
        List.of(
            "switch blue.taskWorker=true",
            "switch blue.startJobs=true",
            "traffic blue",
            "webhook blue"),
        restore.subList(0, 4));

    DeploymentStatus done = result(wf); // skips the bounded Green retries
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(Boolean.FALSE, done.restore().greenOff());
    assertTrue(
        done.restore().note().contains("turn Green's workers off by hand"), done.restore().note());
    assertTrue(done.restore().note().contains("HTTP 503"), done.restore().note());
    assertBlueServing();
  }

  @Test
  void rollbackWithGreenHangingServesBlueAndTurnsGreenOffOnceItAnswers() throws Exception {
    BlueGreenDeploymentWorkflow wf = live(request());
    platforms.greenSwitchMode = "hang";

    assertTrue(wf.rollbackDecision(by("bob")).accepted());
    DeploymentStatus rolledBack = awaitPhase(wf, Phase.ROLLED_BACK);
    assertBlueServing();
    assertNull(rolledBack.restore().greenOff());

    platforms.greenSwitchMode = null; // Green answers again
    DeploymentStatus done = result(wf);
    assertEquals(Boolean.TRUE, done.restore().greenOff(), done.restore().toString());
    assertEquals(false, platforms.switches.get("green.startJobs"));
    assertEquals(false, platforms.switches.get("green.taskWorker"));
  }

  @Test
  void rollbackDuringTheCutoverWhileAGreenSwitchHangsRestoresBlue() throws Exception {
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    platforms.greenSwitchMode = "hang";
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("switch green.startJobs=true"));

    DecisionResult answer = wf.rollbackDecision(by("bob"));
    assertTrue(answer.accepted(), "rollback is accepted once a Blue switch has changed: " + answer);
    assertEquals(Phase.CUTTING_OVER, answer.phase());
    DeploymentStatus rolledBack = awaitPhase(wf, Phase.ROLLED_BACK);
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertEquals(true, platforms.switches.get("blue.taskWorker"));
    assertNull(platforms.traffic, "traffic never moved, so it is not touched");
    assertTrue(rolledBack.restore().blueServing());
    platforms.greenSwitchMode = null;
    assertEquals(Boolean.TRUE, result(wf).restore().greenOff());
  }

  @Test
  void aBlueSwitchInFlightThatLandsAfterTheRestoreIsTurnedOnAgain() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.blueOffLandsLate = true;
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("switch blue.startJobs=false"));

    assertTrue(
        wf.abortDecision(by("carol")).accepted(), "abort fits while Blue's switch is changing");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertEquals(
        true,
        platforms.switches.get("blue.startJobs"),
        "the late 'off' of the interrupted attempt does not win: Blue is turned on once more");
    assertEquals(
        2,
        platforms.callsStartingWith("switch blue.startJobs=true").size(),
        platforms.calls.toString());
  }

  @Test
  void aTrafficMoveToGreenThatLandsAfterTheRestoreIsPointedAtBlueAgain() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.trafficToGreenLandsLate = true;
    BlueGreenDeploymentWorkflow wf = start(withWebhook());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("traffic green"));

    assertTrue(
        wf.rollbackDecision(by("carol")).accepted(), "rollback fits while traffic is moving");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(
        "blue",
        platforms.traffic,
        "the late 'green' of the interrupted move does not win: the key never says green while Blue serves");
    assertEquals(2, platforms.callsStartingWith("traffic blue").size(), platforms.calls.toString());
    assertEquals(
        "webhook blue",
        platforms
            .callsStartingWith("webhook")
            .get(platforms.callsStartingWith("webhook").size() - 1),
        "the load balancer is told Blue last: " + platforms.calls);
    assertEquals(2, platforms.callsStartingWith("webhook blue").size(), platforms.calls.toString());
    assertTrue(done.restore().blueServing());
  }

  // ---- cancellation from Temporal
  // -----------------------------------------------------------------

  private static void assertCancelled(BlueGreenDeploymentWorkflow wf) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertInstanceOf(CanceledFailure.class, e.getCause());
  }

  @Test
  void cancelDuringTheCopyActsAsAbort() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.copyGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.COPYING);
    WorkflowStub.fromTyped(wf).cancel();
    assertCancelled(wf);
    assertEquals(Phase.ABORTED, wf.status().phase());
    assertTrue(platforms.callsStartingWith("switch").isEmpty(), "Blue untouched");
    platforms.copyGate.countDown();
  }

  @Test
  void cancelWhileAwaitingApprovalActsAsAbort() throws Exception {
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    WorkflowStub.fromTyped(wf).cancel();
    assertCancelled(wf);
    DeploymentStatus s = wf.status();
    assertEquals(Phase.ABORTED, s.phase());
    assertTrue(
        s.events().stream().anyMatch(e -> e.message().contains("cancelled from Temporal")),
        s.events().toString());
    assertTrue(platforms.callsStartingWith("switch").isEmpty());
  }

  @Test
  void cancelDuringTheDrainHasBlueTakingJobsAgain() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("drain"));
    assertEquals(false, platforms.switches.get("blue.startJobs"));

    WorkflowStub.fromTyped(wf).cancel();
    assertCancelled(wf);
    assertEquals(Phase.ROLLED_BACK, wf.status().phase());
    assertEquals(true, platforms.switches.get("blue.startJobs"), "Blue takes jobs again");
    assertTrue(
        platforms.callsStartingWith("switch green").isEmpty(),
        "Green was never switched on, so it is left alone");
  }

  @Test
  void cancelWhileLiveActsAsRollback() throws Exception {
    BlueGreenDeploymentWorkflow wf = live(request());
    WorkflowStub.fromTyped(wf).cancel();
    assertCancelled(wf);
    assertBlueServing();
    assertEquals(false, platforms.switches.get("green.startJobs"));
    assertEquals(Phase.ROLLED_BACK, wf.status().phase());
  }

  // ---- every phase after approval escapable and bounded
  // ------------------------------------------

  @Test
  void abortIsAcceptedDuringTheHealthGate() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.healthGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf =
        start(BlueGreenDeploymentWorkflowTest.withGreenHealthAndWebhook());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("health green"));

    DecisionResult answer = wf.abortDecision(by("carol"));
    assertTrue(answer.accepted(), answer.toString());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertTrue(platforms.callsStartingWith("switch").isEmpty(), "no switch moved");
    platforms.healthGate.countDown();
  }

  @Test
  void abortIsAcceptedDuringTheDrainAndRestoresBlue() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("drain"));

    assertTrue(wf.abortDecision(by("carol")).accepted());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertTrue(platforms.callsStartingWith("switch green").isEmpty());
  }

  @Test
  void drainDecisionWaitsItsOwnTimeoutThenRestoresBlue() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.drains = false;
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    DeploymentStatus asking =
        await(
            wf,
            s -> s.waitingFor() != null && s.waitingFor().startsWith("approveCutover to force"));

    DeploymentStatus done = result(wf); // time skips to the decision timeout
    assertEquals(Phase.ABORTED, done.phase());
    Instant asked = eventTime(done, "drain timed out");
    Instant restored = eventTime(done, "no decision within PT30M");
    Duration waited = Duration.between(asked, restored);
    assertTrue(
        waited.compareTo(Duration.ofMinutes(30)) >= 0
            && waited.compareTo(Duration.ofMinutes(31)) < 0,
        "the decision waits cutover.decisionTimeout (PT30M), not approval.timeout (P7D): "
            + waited);
    assertEquals(true, platforms.switches.get("blue.startJobs"), "Blue takes jobs again");
    assertNull(platforms.traffic);
    assertNotNull(asking.waitingFor());
  }

  @Test
  void aWebhookRefusingAfterTheSwitchIsReportedAndNeverUndoesIt() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.webhookFailure = "4xx";
    BlueGreenDeploymentWorkflow wf = live(withWebhook());
    DeploymentStatus live = wf.status();
    assertEquals("green", platforms.traffic);
    assertEquals(true, platforms.switches.get("green.startJobs"));
    assertTrue(
        live.events().stream()
            .anyMatch(
                e ->
                    e.message().contains("traffic webhook POST http://127.0.0.1:9/traffic failed")
                        && e.message().contains("HTTP 404")),
        live.events().toString());
    assertEquals(1, platforms.callsStartingWith("webhook green").size(), "a 4xx is not retried");
  }

  @Test
  void aWebhookFailingWith5xxAfterTheSwitchIsRetriedForABoundedTimeThenReported() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.webhookFailure = "5xx";
    BlueGreenDeploymentWorkflow wf = start(withWebhook());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("webhook green"));
    fixture
        .environment()
        .sleep(
            ActivityStubs.WEBHOOK_LIMIT.plusMinutes(1)); // lets the retries run out in skipped time
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);
    assertTrue(platforms.callsStartingWith("webhook green").size() > 1, "a 5xx is retried");
    assertTrue(
        live.events().stream()
            .anyMatch(
                e ->
                    e.message().contains("HTTP 502")
                        && e.message().contains("traffic stays on green")),
        live.events().toString());
    assertEquals("green", platforms.traffic);
  }

  private static Instant eventTime(DeploymentStatus s, String text) {
    return s.events().stream()
        .filter(e -> e.message().contains(text))
        .map(e -> Instant.parse(e.time()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event with '" + text + "' in " + s.events()));
  }

  /**
   * Holds the worker's pollers, so that the signals sent next reach the workflow in one workflow
   * task. Polls already outstanding would still take signals one by one: probe signals (a decision
   * the phase rejects) are sent until one is left unhandled, which shows that no poll is
   * outstanding; that probe then arrives in the same task as the signals under test.
   */
  private void holdWorkflowTasks(Worker worker, WorkflowStub stub, String rejectedProbe)
      throws InterruptedException {
    worker.suspendPolling();
    String id = stub.getExecution().getWorkflowId();
    for (int probe = 0; probe < 50; probe++) {
      int completedBefore = completedTasks(id);
      stub.signal(rejectedProbe, by("poll-probe"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (completedTasks(id) == completedBefore) {
        if (System.nanoTime() > deadline) {
          return; // nobody polls: the next signals are delivered together
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("workflow tasks kept being polled while polling was suspended");
  }

  private int completedTasks(String workflowId) {
    int n = 0;
    for (HistoryEvent e : fixture.client().fetchHistory(workflowId).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        n++;
      }
    }
    return n;
  }

  // ---- decisions: Updates, contradictions, caps
  // ---------------------------------------------------

  @Test
  void ofTwoContradictoryDecisionsInOneTaskTheFirstWins() throws Exception {
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    holdWorkflowTasks(fixture.worker(), stub, BlueGreenDeploymentWorkflow.FINALIZE);
    stub.signal(BlueGreenDeploymentWorkflow.APPROVE_CUTOVER, by("alice"));
    stub.signal(BlueGreenDeploymentWorkflow.ABORT, by("carol"));
    fixture.worker().resumePolling();

    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);
    SignalRecord abort = only(live.rejections(), "abort");
    assertTrue(abort.note().contains("contradicts approveCutover by alice"), abort.note());
    assertEquals(Phase.AWAITING_APPROVAL, abort.phase(), "both arrived while awaiting approval");

    holdWorkflowTasks(fixture.worker(), stub, BlueGreenDeploymentWorkflow.RESYNC);
    stub.signal(BlueGreenDeploymentWorkflow.FINALIZE, by("alice"));
    stub.signal(BlueGreenDeploymentWorkflow.ROLLBACK, by("bob"));
    fixture.worker().resumePolling();
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    SignalRecord rollback = only(done.rejections(), "rollback");
    assertTrue(rollback.note().contains("contradicts finalize by alice"), rollback.note());
    assertEquals("green", platforms.traffic, "the rollback that lost changed nothing");
  }

  private static SignalRecord only(List<SignalRecord> records, String decision) {
    List<SignalRecord> matching =
        records.stream().filter(r -> r.signal().equals(decision)).toList();
    assertEquals(1, matching.size(), records.toString());
    return matching.get(0);
  }

  @Test
  void updatesAnswerAtOnceAndMalformedOnesAreRefusedBeforeAnythingIsRecorded() throws Exception {
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);

    DecisionResult early = wf.rollbackDecision(by("early"));
    assertFalse(early.accepted());
    assertEquals(Phase.AWAITING_APPROVAL, early.phase());
    assertTrue(early.note().contains("send abort to stop"), early.note());

    WorkflowUpdateException bad =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.resyncDecision(new OperatorSignal("dave", "fix", "purple-wins", null)));
    assertTrue(
        String.valueOf(bad.getCause().getMessage()).contains("not one of blue-wins or green-wins"),
        bad.getCause().getMessage());
    DeploymentStatus s = wf.status();
    assertEquals(1, s.rejections().size(), "the malformed resync is not recorded");

    // The same malformed resync as a signal (no validator runs for signals) is rejected and
    // recorded.
    WorkflowStub.fromTyped(wf)
        .signal(
            BlueGreenDeploymentWorkflow.RESYNC,
            new OperatorSignal("dave", "fix", "purple-wins", null));
    s = await(wf, st -> st.rejections().size() == 2);
    assertTrue(
        s.rejections().get(1).note().contains("not one of blue-wins or green-wins"),
        s.rejections().get(1).note());
    assertEquals(Phase.AWAITING_APPROVAL, s.phase(), "nothing was synced with it");

    DecisionResult abort = wf.abortDecision(by("carol"));
    assertTrue(abort.accepted());
    assertEquals(Phase.ABORTED, result(wf).phase());
  }

  @Test
  void decisionListsAreCappedWithCounts() throws Exception {
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    int sent = 130;
    for (int i = 0; i < sent; i++) {
      stub.signal(BlueGreenDeploymentWorkflow.FINALIZE, new OperatorSignal("spam-" + i, "x"));
    }
    DeploymentStatus s =
        await(wf, st -> st.rejectionsTotal() != null && st.rejectionsTotal() == sent);
    assertEquals(100, s.rejections().size());
    assertEquals("spam-" + (sent - 1), s.rejections().get(99).by(), "the latest are kept");
    wf.abortDecision(by("carol"));
    assertEquals(Phase.ABORTED, result(wf).phase());
  }

  @Test
  void aPermanentStepFailureIsNotRetriedAndRestoresBlue() throws Exception {
    platforms = new FakePlatforms(2, 100);
    platforms.failSwitch = "green.taskWorker";
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertTrue(e.getCause().getMessage().contains("cutover failed"), e.getCause().getMessage());
    assertEquals(
        1, platforms.callsStartingWith("switch green.taskWorker=true").size(), "not retried");
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertEquals(true, platforms.switches.get("blue.taskWorker"));
    assertEquals(
        Map.of(
            "blue.startJobs",
            true,
            "blue.taskWorker",
            true,
            "green.startJobs",
            false,
            "green.taskWorker",
            false),
        platforms.switches);
  }
}
