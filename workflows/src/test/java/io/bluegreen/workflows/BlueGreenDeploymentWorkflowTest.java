package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.decide;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.*;
import io.bluegreen.workflows.model.Colour;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow's phases, signals and failure paths on the time-skipping test server. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BlueGreenDeploymentWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();
  private FakePlatforms platforms = new FakePlatforms(3, 500);

  private void startWorker() {
    fixture.platforms(platforms);
  }

  static DeploymentRequest request() {
    return new DeploymentRequest(
        "test-upgrade",
        new PlatformSpec("local", "itential", "local", 0, "blue"),
        new PlatformSpec("local", "itential_green", "local", 1, "green"),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private BlueGreenDeploymentWorkflow start(DeploymentRequest request) {
    return fixture.start("bluegreen-itential", request);
  }

  private DeploymentStatus awaitStatus(
      BlueGreenDeploymentWorkflow wf, Predicate<DeploymentStatus> condition)
      throws InterruptedException {
    return await(wf, condition);
  }

  @Test
  void approvedDeploymentCutsOverAndCompletesOnFinalize() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    DeploymentStatus waiting = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertEquals(3, waiting.collections().size());
    for (CollectionProgress c : waiting.collections()) {
      assertEquals(500, c.copied());
      assertEquals(Boolean.TRUE, c.match());
    }
    assertEquals(
        false,
        platforms.switches.get("green.startJobs"),
        "Green is provisioned with its switches off");
    assertNull(platforms.traffic, "no traffic change before approval");

    wf.approveCutover(by("alice"));
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);
    assertEquals(Colour.GREEN, live.activeColour());
    assertEquals(
        Map.of(
            "blue.startJobs",
            false,
            "blue.taskWorker",
            false,
            "green.startJobs",
            true,
            "green.taskWorker",
            true),
        platforms.switches);
    assertEquals("green", platforms.traffic);
    // Blue's startJobs goes off before the drain; Green comes on only after it.
    List<String> cutover =
        platforms.calls.subList(
            platforms.calls.indexOf("switch blue.startJobs=false"), platforms.calls.size());
    assertEquals("drain", cutover.get(1));
    assertTrue(cutover.indexOf("switch green.startJobs=true") > cutover.indexOf("drain"));

    wf.finalizeDeployment(by("alice"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals("alice", done.approvals().get(0).by());
    assertEquals(BlueGreenDeploymentWorkflow.APPROVE_CUTOVER, done.approvals().get(0).signal());
  }

  @Test
  void approvalTimeoutAbortsWithoutTouchingBlue() {
    startWorker();
    DeploymentRequest r = request();
    BlueGreenDeploymentWorkflow wf =
        start(
            new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green(),
                null,
                null,
                null,
                new ApprovalOptions("PT2H"),
                null,
                null));
    DeploymentStatus done =
        result(wf); // blocking on the result lets the test server skip the 2 hours
    assertEquals(Phase.ABORTED, done.phase());
    assertTrue(
        done.events().stream().anyMatch(e -> e.message().contains("no approval within PT2H")),
        done.events().toString());
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertTrue(
        platforms.callsStartingWith("switch blue").isEmpty(),
        "Blue is never written without a cutover");
  }

  @Test
  void failoverWindowEndCompletesWithGreenLive() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    awaitPhase(wf, Phase.LIVE);
    DeploymentStatus done = result(wf); // skips the 24h failover window
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals("green", platforms.traffic);
  }

  @Test
  void rollbackReversesTheCutover() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    awaitPhase(wf, Phase.LIVE);
    wf.rollback(by("bob"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(Colour.BLUE, done.activeColour());
    assertEquals("blue", platforms.traffic);
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
    assertEquals("bob", done.approvals().get(1).by());
  }

  @Test
  void abortWhileWaitingForApprovalLeavesBlueUntouched() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.abort(new OperatorSignal("carol", "change window closed"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertTrue(platforms.callsStartingWith("switch").isEmpty());
    assertTrue(
        done.events().stream()
            .anyMatch(e -> e.phase() == Phase.ABORTED && e.message().contains("aborted by carol")));
    assertTrue(
        platforms.calls.contains("drop-baseline"), "the baseline goes when the deployment closes");
  }

  @Test
  void abortDuringCopyCancelsTheCopy() throws Exception {
    platforms.copyGate = new CountDownLatch(1);
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitStatus(wf, s -> s.phase() == Phase.COPYING);
    wf.abort(by("carol"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertTrue(platforms.callsStartingWith("verify").isEmpty(), "no verification after an abort");
    assertTrue(platforms.callsStartingWith("switch").isEmpty());
    platforms.copyGate.countDown();
  }

  @Test
  void outOfPhaseSignalsAreRecordedAsRejectedAndChangeNothing() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.rollback(by("early"));
    wf.finalizeDeployment(by("early"));
    DeploymentStatus s = awaitStatus(wf, st -> st.rejections().size() == 2);
    assertEquals(Phase.AWAITING_APPROVAL, s.phase());
    assertTrue(
        s.rejections()
            .get(0)
            .note()
            .contains(
                "rollback is accepted in LIVE, or in CUTTING_OVER once a Blue switch has changed"),
        s.rejections().get(0).note());
    assertFalse(s.rejections().get(0).accepted());

    wf.approveCutover(by("alice"));
    wf.approveCutover(by("alice-again"));
    s = awaitPhase(wf, Phase.LIVE);
    wf.abort(by("late"));
    wf.resync(by("late"));
    s = awaitStatus(wf, st -> st.rejections().size() == 5);
    assertEquals(Phase.LIVE, s.phase());
    assertEquals(1, s.approvals().size(), "only the first approval counts");
    assertTrue(
        s.rejections().get(2).note().startsWith("approveCutover is accepted only")
            || s.rejections().get(2).note().startsWith("already accepted: approveCutover by alice"),
        s.rejections().get(2).note());
    assertTrue(s.rejections().get(3).note().contains("send rollback"));
    assertEquals(1, platforms.callsStartingWith("traffic").size());
    wf.finalizeDeployment(by("alice"));
    assertEquals(Phase.COMPLETED, result(wf).phase());
  }

  @Test
  void preflightFailureEndsFailedBeforeAnyWrite() {
    platforms.preflightFailure =
        "Green database 'itential_green' already holds collections [workflows]: drop them or set copy.greenMustBeEmpty to false";
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals(FailureTypes.DEPLOYMENT_FAILED, failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("already holds collections [workflows]"),
        failure.getOriginalMessage());
    assertEquals(List.of("preflight"), platforms.calls);
    assertEquals(Phase.FAILED, failure.getDetails().get(DeploymentStatus.class).phase());
  }

  @Test
  void invalidRequestFailsWithEveryProblemNamedAndRunsNothing() {
    startWorker();
    DeploymentRequest r = request();
    r.unknownFields().put("bogus", 1);
    r.blue().unknownFields().put("mongoUri", "mongodb://x");
    BlueGreenDeploymentWorkflow wf =
        start(
            new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green(),
                null,
                null,
                null,
                new ApprovalOptions("7 days"),
                null,
                null,
                r.unknownFields()));
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(message.contains("unknown field 'bogus'"), message);
    assertTrue(message.contains("unknown field 'blue.mongoUri'"), message);
    assertTrue(message.contains("approval.timeout '7 days' is not an ISO-8601 duration"), message);
    assertTrue(platforms.calls.isEmpty(), "no activity runs for an invalid request");
  }

  @Test
  void differencesAreResyncedThenVerifiedAgain() throws Exception {
    platforms.differencesPerCollection = 1;
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    DeploymentStatus s = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertEquals(3, platforms.callsStartingWith("resync").size());
    for (CollectionProgress c : s.collections()) {
      assertEquals(Boolean.TRUE, c.match(), c.name());
    }
    wf.abort(by("done"));
  }

  @Test
  void resyncSignalReverifiesAndReturnsToApproval() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.resync(by("dave"));
    awaitStatus(
        wf, s -> s.phase() == Phase.AWAITING_APPROVAL && platforms.calls.contains("sync full"));
    assertEquals(1, awaitPhase(wf, Phase.AWAITING_APPROVAL).approvals().size());
    wf.abort(by("dave"));
    assertEquals(Phase.ABORTED, result(wf).phase());
  }

  @Test
  void anApprovalTimerNoLongerWaitedOnIsCancelledAndNeverFires() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(decide(wf, Decision.RESYNC, "dave").accepted());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL && platforms.calls.contains("sync full"));
    List<HistoryEvent> events = fixture.client().fetchHistory("bluegreen-itential").getEvents();
    List<String> started = timerIds(events, EventType.EVENT_TYPE_TIMER_STARTED);
    assertEquals(2, started.size(), "the first approval's timer and the one after the resync");
    assertEquals(
        List.of(started.get(0)),
        timerIds(events, EventType.EVENT_TYPE_TIMER_CANCELED),
        "the first approval's timer is cancelled once the resync came, not left pending");

    fixture.environment().sleep(Duration.ofDays(8)); // past both approval timeouts (P7D)
    DeploymentStatus done = result(wf);
    assertEquals(
        Phase.ABORTED, done.phase(), "the current approval timer still ends the deployment");
    assertEquals(
        1,
        timerIds(
                fixture.client().fetchHistory("bluegreen-itential").getEvents(),
                EventType.EVENT_TYPE_TIMER_FIRED)
            .size(),
        "only the current approval timer fired");
  }

  private static List<String> timerIds(List<HistoryEvent> events, EventType type) {
    return events.stream()
        .filter(e -> e.getEventType() == type)
        .map(
            e ->
                switch (type) {
                  case EVENT_TYPE_TIMER_STARTED -> e.getTimerStartedEventAttributes().getTimerId();
                  case EVENT_TYPE_TIMER_CANCELED ->
                      e.getTimerCanceledEventAttributes().getTimerId();
                  default -> e.getTimerFiredEventAttributes().getTimerId();
                })
        .toList();
  }

  @Test
  void drainTimeoutWaitsForTheOperatorWhoMayForceTheCutover() throws Exception {
    platforms.drains = false;
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    DeploymentStatus s =
        awaitStatus(
            wf,
            st -> st.waitingFor() != null && st.waitingFor().startsWith("approveCutover to force"));
    assertEquals(Phase.CUTTING_OVER, s.phase());
    assertEquals(
        false,
        platforms.switches.get("blue.startJobs"),
        "Blue starts no new jobs while the operator decides");
    assertNull(platforms.traffic);
    assertTrue(
        s.events().stream().anyMatch(e -> e.message().contains("3 jobs still running on Blue")));
    wf.approveCutover(by("alice"));
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);
    assertEquals("green", platforms.traffic);
    assertTrue(
        live.events().stream().anyMatch(e -> e.message().contains("cutover forced by alice")));
  }

  @Test
  void abortAfterADrainTimeoutTurnsBlueBackOn() throws Exception {
    platforms.drains = false;
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    awaitStatus(
        wf, st -> st.waitingFor() != null && st.waitingFor().startsWith("approveCutover to force"));
    wf.abort(by("bob"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertNull(platforms.traffic);
    assertTrue(platforms.callsStartingWith("switch green").isEmpty(), "Green never switched on");
  }

  static DeploymentRequest withGreenHealthAndWebhook() {
    DeploymentRequest r = request();
    return new DeploymentRequest(
        r.deployment(),
        r.blue(),
        r.green()
            .withApiAndHealth(null, new HealthCheck("http://127.0.0.1:9/health", null, "PT5S", 2)),
        null,
        null,
        null,
        null,
        new CutoverOptions(
            null, null, null, new TrafficWebhook("http://127.0.0.1:9/traffic", null)),
        null);
  }

  @Test
  void unhealthyGreenHaltsTheCutoverBeforeBlueIsTouched() throws Exception {
    platforms.greenHealthy = false;
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(withGreenHealthAndWebhook());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    DeploymentStatus s =
        awaitStatus(
            wf,
            st ->
                st.phase() == Phase.AWAITING_APPROVAL
                    && st.events().stream()
                        .anyMatch(e -> e.message().contains("Green is unhealthy")));
    assertTrue(
        platforms.callsStartingWith("switch").isEmpty(),
        "no switch moves while Green is unhealthy");
    assertTrue(s.events().stream().anyMatch(e -> e.message().contains("HTTP 503")));
    platforms.greenHealthy = true;
    wf.approveCutover(by("alice"));
    awaitPhase(wf, Phase.LIVE);
    assertEquals(List.of("POST http://127.0.0.1:9/traffic green"), platforms.webhookCalls);
  }

  @Test
  void greenFailingItsHealthWhileLiveRollsBackAutomatically() throws Exception {
    platforms.greenFails = new CountDownLatch(1);
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(withGreenHealthAndWebhook());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);
    assertNotNull(live.failoverUntil(), "the status says until when Blue is the failover");
    awaitStatus(wf, st -> platforms.callsStartingWith("watch green").size() == 1);
    platforms.greenFails.countDown();
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    SignalRecord rollback = done.approvals().get(done.approvals().size() - 1);
    assertEquals("rollback", rollback.signal());
    assertEquals(FailoverWindow.HEALTH_GATE, rollback.by());
    assertTrue(rollback.reason().contains("HTTP 500"), rollback.reason());
    assertEquals("blue", platforms.traffic);
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertEquals(false, platforms.switches.get("green.startJobs"));
    assertEquals(
        List.of("POST http://127.0.0.1:9/traffic green", "POST http://127.0.0.1:9/traffic blue"),
        platforms.webhookCalls);
  }

  @Test
  void healthAndWebhookUrlsWithCredentialsAreRefused() {
    startWorker();
    DeploymentRequest r = request();
    BlueGreenDeploymentWorkflow wf =
        start(
            new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green()
                    .withApiAndHealth(
                        null,
                        new HealthCheck(
                            "https://admin:hunter2@green.example/health", 200, "PT5S", 2)),
                null,
                null,
                null,
                null,
                new CutoverOptions(null, null, null, new TrafficWebhook("ftp://x", "DELETE")),
                null));
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(message.contains("green.health.url carries credentials"), message);
    assertFalse(message.contains("hunter2"), "the refusal must not repeat the password");
    assertTrue(message.contains("cutover.webhook.url is not an http(s) URL"), message);
    assertTrue(message.contains("cutover.webhook.method 'DELETE' is not supported"), message);
    assertTrue(platforms.calls.isEmpty());
  }

  @Test
  void permanentFailureDuringCutoverRestoresBlue() throws Exception {
    platforms.failSwitch = "green.taskWorker";
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(
        message.startsWith("cutover failed: no iap_profiles document with id 'green'"), message);
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertEquals(true, platforms.switches.get("blue.taskWorker"));
    assertEquals(false, platforms.switches.get("green.startJobs"));
  }

  @Test
  void phaseSearchAttributeFollowsThePhaseWhenTheDeploymentStartedWithIt() throws Exception {
    startWorker();
    BlueGreenDeploymentWorkflow wf = fixture.start("bluegreen-indexed", request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.abort(by("alice"));
    result(wf);
    List<String> phases =
        fixture.client().fetchHistory("bluegreen-indexed").getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
            .map(
                e ->
                    e.getUpsertWorkflowSearchAttributesEventAttributes()
                        .getSearchAttributes()
                        .getIndexedFieldsMap()
                        .get(SearchAttributes.PHASE.getName())
                        .getData()
                        .toStringUtf8())
            .toList();
    assertEquals(
        List.of(
            "\"PROVISIONING\"",
            "\"COPYING\"",
            "\"VERIFYING\"",
            "\"AWAITING_APPROVAL\"",
            "\"ABORTED\""),
        phases);
  }

  @Test
  void aRollbackIsNotHeldBehindAnotherDeploymentsCopyOnTheMainQueue() throws Exception {
    // One activity slot on the main queue.
    fixture
        .platforms(platforms)
        .workerOptions(WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build());
    BlueGreenDeploymentWorkflow live = start(request());
    awaitPhase(live, Phase.AWAITING_APPROVAL);
    live.approveCutover(by("alice"));
    awaitPhase(live, Phase.LIVE);

    // Another deployment's copy now holds the main queue's only slot (for hours, in real life).
    platforms.copyGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow other = fixture.start("bluegreen-other", request());
    awaitStatus(
        other, s -> s.phase() == Phase.COPYING && platforms.callsStartingWith("copy").size() > 3);

    live.rollback(by("bob"));
    // (Comparing Green's changes and dropping the baseline afterwards are main-queue work and may
    // wait, the deployment in ROLLING_BACK meanwhile; Blue and Green's switches do not.)
    awaitStatus(
        live,
        s ->
            s.restore() != null
                && s.restore().blueServing()
                && Boolean.TRUE.equals(s.restore().greenOff()));
    assertEquals("blue", platforms.traffic, "the restore's moves ran on the cutover queue");
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    platforms.copyGate.countDown();
  }

  @Test
  void historyGrowsWithCollectionsNotDocuments() throws Exception {
    platforms = new FakePlatforms(20, 5_000_000);
    platforms.staggerMillis = 40;
    startWorker();
    BlueGreenDeploymentWorkflow wf = start(request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("alice"));
    awaitPhase(wf, Phase.LIVE);
    wf.finalizeDeployment(by("alice"));
    result(wf);
    long events = fixture.client().fetchHistory("bluegreen-itential").getHistory().getEventsCount();
    System.out.println("history events of a 20-collection deployment: " + events);
    assertTrue(events < 400, "history events of a 20-collection deployment: " + events);
    assertTrue(
        fixture.client().fetchHistory("bluegreen-itential").getEvents().stream()
            .anyMatch(
                ev -> ev.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED));
  }
}
