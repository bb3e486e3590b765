package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.SyncOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The baseline's life as the workflow drives it: one per run (keyed by the workflow id and its
 * first run's id), other runs' baselines refused or dropped at PREFLIGHT, and whatever was recorded
 * dropped by an abort or a failure at any moment after RecordBaseline started, whatever {@code
 * sync.keepBaseline} says; and verification's Green-only documents by {@code
 * copy.greenMustBeEmpty}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BaselineLifecycleWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  private final FakePlatforms platforms = new FakePlatforms(2, 100);

  private BlueGreenDeploymentWorkflow start(DeploymentRequest request) {
    return fixture.platforms(platforms).start(request);
  }

  private static DeploymentRequest keeping() {
    return BlueGreenDeploymentWorkflowTest.request().withSync(new SyncOptions(null, null, true));
  }

  private static boolean hasEvent(DeploymentStatus s, String text) {
    return s.events().stream().map(DeploymentEvent::message).anyMatch(m -> m.contains(text));
  }

  @Test
  void anAbortWhileTheBaselineIsBeingRecordedDropsWhatItRecordedEvenWhenKept() throws Exception {
    platforms.baselineGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(keeping());
    await(wf, s -> platforms.calls.contains("baseline 2"));
    assertTrue(wf.abortDecision(by("carol")).accepted());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertTrue(
        platforms.calls.contains("drop-baseline"),
        "a half-recorded baseline is dropped: " + platforms.calls);
    assertTrue(hasEvent(done, "baseline dropped from Green's server"), done.events().toString());
  }

  /**
   * Generation 2: PrepareBaseline already wrote the run's owner document, so an abort during the
   * copy (before RecordBaseline) drops it; left behind, the next deployment to this Green would
   * refuse it as another run's stale baseline.
   */
  @Test
  void anAbortBeforeTheBaselineIsRecordedDropsWhatPreflightPrepared() throws Exception {
    platforms.copyGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.phase() == Phase.COPYING);
    assertTrue(wf.abortDecision(by("carol")).accepted());
    platforms.copyGate.countDown();
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ABORTED, done.phase());
    assertFalse(platforms.calls.contains("baseline 2"), "never reached RecordBaseline");
    assertTrue(
        platforms.calls.contains("drop-baseline"),
        "the owner document PREFLIGHT wrote is dropped: " + platforms.calls);
  }

  @Test
  void aFailedCutoverDropsTheBaselineEvenWhenTheRequestKeepsIt() throws Exception {
    platforms.failSwitch = "green.taskWorker";
    BlueGreenDeploymentWorkflow wf = start(keeping());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertTrue(
        platforms.calls.contains("drop-baseline"),
        "kept only after a completed deployment: " + platforms.calls);
  }

  @Test
  void theBaselineIsKeyedByTheWorkflowIdAndItsFirstRun() throws Exception {
    BlueGreenDeploymentWorkflow wf =
        fixture
            .platforms(platforms)
            .start("bluegreen-itential", BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    String runId = WorkflowStub.fromTyped(wf).getExecution().getRunId();
    PrepareBaselineInput prepared = platforms.prepareInputs.get(0);
    assertEquals("bluegreen-itential@" + runId, prepared.deployment());
    assertTrue(prepared.greenMustBeEmpty());
    assertFalse(prepared.dropStaleBaselines());
    assertTrue(
        platforms.calls.indexOf("prepare-baseline") < platforms.calls.indexOf("provision"),
        "at PREFLIGHT, before Green is written: " + platforms.calls);
    wf.abortDecision(by("carol"));
    result(wf);
  }

  @Test
  void preflightRefusesAnotherRunsBaselineUnlessTheRequestDropsIt() throws Exception {
    platforms.staleBaselines.add("bluegreen-itential@0f3e");
    BlueGreenDeploymentWorkflow refused = start(BlueGreenDeploymentWorkflowTest.request());
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(refused));
    assertTrue(
        e.getCause().getMessage().contains("left by another deployment run"),
        e.getCause().getMessage());
    assertFalse(platforms.calls.contains("provision"), "nothing written: " + platforms.calls);
    assertFalse(platforms.calls.contains("drop-baseline"), "this run recorded nothing to drop");

    BlueGreenDeploymentWorkflow wf =
        start(
            BlueGreenDeploymentWorkflowTest.request()
                .withSync(new SyncOptions(null, null, null, true)));
    DeploymentStatus waiting = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(
        hasEvent(
            waiting,
            "dropped the baseline another run left for Green's database (bluegreen-itential@0f3e"),
        waiting.events().toString());
    wf.abortDecision(by("carol"));
    result(wf);
  }

  @Test
  void greenOnlyDocumentsAreRepairedAwayWhenGreenHadToBeEmpty() throws Exception {
    platforms.differencesPerCollection = 1;
    platforms.greenOnlyDifferences = true;
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    DeploymentStatus waiting = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertFalse(
        platforms.resyncInputs.isEmpty(),
        "Blue deleted them after their copy: they are repaired: " + platforms.calls);
    for (ResyncInput r : platforms.resyncInputs) {
      assertFalse(
          r.keepGreenOnly(),
          "Green held nothing before the copy: a Green-only document is bluegreen's and goes");
    }
    assertFalse(hasEvent(waiting, "of its own, kept"), waiting.events().toString());
    wf.abortDecision(by("carol"));
    result(wf);
  }

  @Test
  void greenOnlyDocumentsAreLeftToTheSyncWhenGreenHeldDocumentsBefore() throws Exception {
    platforms.differencesPerCollection = 1;
    platforms.greenOnlyDifferences = true;
    DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
    BlueGreenDeploymentWorkflow wf =
        start(
            new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green(),
                null,
                null,
                new CopyOptions(null, null, false),
                null,
                null,
                null));
    DeploymentStatus waiting = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertEquals(List.of(), platforms.resyncInputs);
    assertFalse(platforms.prepareInputs.get(0).greenMustBeEmpty());
    assertTrue(
        hasEvent(
            waiting,
            "Green's own from before the copy are kept, any Blue deleted since its copy go with the three-way sync"),
        waiting.events().toString());
    wf.abortDecision(by("carol"));
    result(wf);
  }
}
