package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Determinism, checked at every step of live runs: the worker keeps no workflow in its cache, so
 * every workflow task replays the whole history so far (a non-deterministic step fails the
 * workflow, which these tests would see), and after each phase the history so far is replayed once
 * more by {@link WorkflowReplayer}. The runs take every decision in turn, including refused ones, a
 * resync, a rollback and a cancellation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplayEveryStepTest {
  @RegisterExtension
  final DeploymentFixture fixture =
      new DeploymentFixture()
          .factoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
          .implementationOptions(
              WorkflowImplementationOptions.newBuilder()
                  .setFailWorkflowExceptionTypes(NonDeterministicException.class)
                  .build());

  private final List<String> replayedAt = new ArrayList<>();

  private static Map<String, Long> collections() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("workflows", 500L);
    c.put("forms", 20L);
    return c;
  }

  private BlueGreenDeploymentWorkflow start(String id) {
    return fixture
        .activities(new MockedActivities(collections()).all())
        .start(id, DeploymentActivityInputsTest.request());
  }

  /** Waits for the phase, then replays the history so far from its first event. */
  private void reach(BlueGreenDeploymentWorkflow wf, String id, Phase phase) throws Exception {
    DeploymentFixture.await(wf, s -> s.phase() == phase);
    WorkflowReplayer.replayWorkflowExecution(
        fixture.client().fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    replayedAt.add(phase.name());
  }

  private static OperatorSignal by(String reason) {
    return new OperatorSignal("replay-test", reason);
  }

  @Test
  void aRollbackAfterARefusalAndAResyncReplaysAtEveryStep() throws Exception {
    String id = "bluegreen-replay-rollback";
    BlueGreenDeploymentWorkflow wf = start(id);
    reach(wf, id, Phase.AWAITING_APPROVAL);
    assertFalse(wf.rollbackDecision(by("too early")).accepted());
    assertTrue(wf.resyncDecision(by("Blue changed")).accepted());
    reach(wf, id, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("as a signal")); // a signal, not an Update: both must replay
    reach(wf, id, Phase.LIVE);
    assertTrue(wf.rollbackDecision(by("Green misbehaves")).accepted());
    DeploymentStatus done = WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    WorkflowReplayer.replayWorkflowExecution(
        fixture.client().fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    assertEquals(List.of("AWAITING_APPROVAL", "AWAITING_APPROVAL", "LIVE"), replayedAt);
  }

  @Test
  void aFinalizedDeploymentReplaysAtEveryStep() throws Exception {
    String id = "bluegreen-replay-finalize";
    BlueGreenDeploymentWorkflow wf = start(id);
    reach(wf, id, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(by("go")).accepted());
    assertFalse(wf.approveCutoverDecision(by("twice")).accepted(), "a second approval is refused");
    reach(wf, id, Phase.LIVE);
    assertTrue(wf.finalizeDecision(by("done")).accepted());
    assertEquals(
        Phase.COMPLETED, WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class).phase());
    WorkflowReplayer.replayWorkflowExecution(
        fixture.client().fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
  }

  @Test
  void aCancellationWhileAwaitingApprovalReplays() throws Exception {
    String id = "bluegreen-replay-cancel";
    BlueGreenDeploymentWorkflow wf = start(id);
    reach(wf, id, Phase.AWAITING_APPROVAL);
    WorkflowStub.fromTyped(wf).cancel();
    try {
      WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
    } catch (RuntimeException cancelled) {
      // A cancelled run ends without a result; its history is what is replayed.
    }
    WorkflowReplayer.replayWorkflowExecution(
        fixture.client().fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    assertTrue(
        fixture
                .client()
                .fetchHistory(id)
                .getLastEvent()
                .hasWorkflowExecutionCanceledEventAttributes()
            || fixture
                .client()
                .fetchHistory(id)
                .getLastEvent()
                .hasWorkflowExecutionCompletedEventAttributes(),
        "the run closed: " + fixture.client().fetchHistory(id).getLastEvent().getEventType());
  }
}
