package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
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
 * workflow, which these tests would see), and after each phase the history so far is replayed
 * once more by {@link WorkflowReplayer}. The runs take every decision in turn, including refused
 * ones, a resync, a rollback and a cancellation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplayEveryStepTest {
  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
      .registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder().setFailWorkflowExceptionTypes(NonDeterministicException.class).build(),
          BlueGreenDeploymentWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  private final List<String> replayedAt = new ArrayList<>();

  private static Map<String, Long> collections() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("workflows", 500L);
    c.put("forms", 20L);
    return c;
  }

  private BlueGreenDeploymentWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, String id) {
    MockedActivities mocks = new MockedActivities(collections());
    worker.registerActivitiesImplementations(mocks.all());
    env.newWorker(TaskQueues.cutover(worker.getTaskQueue())).registerActivitiesImplementations(mocks.all());
    env.start();
    BlueGreenDeploymentWorkflow wf = client.newWorkflowStub(BlueGreenDeploymentWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
    WorkflowClient.start(wf::deploy, DeploymentActivityInputsTest.request());
    return wf;
  }

  /** Waits for the phase, then replays the history so far from its first event. */
  private void reach(WorkflowClient client, BlueGreenDeploymentWorkflow wf, String id, Phase phase) throws Exception {
    DeploymentActivityInputsTest.await(wf, s -> s.phase() == phase);
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    replayedAt.add(phase.name());
  }

  private static OperatorSignal by(String reason) {
    return new OperatorSignal("replay-test", reason);
  }

  @Test
  void aRollbackAfterARefusalAndAResyncReplaysAtEveryStep(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) throws Exception {
    String id = "bluegreen-replay-rollback";
    BlueGreenDeploymentWorkflow wf = start(env, worker, client, id);
    reach(client, wf, id, Phase.AWAITING_APPROVAL);
    assertFalse(wf.rollbackDecision(by("too early")).accepted());
    assertTrue(wf.resyncDecision(by("Blue changed")).accepted());
    reach(client, wf, id, Phase.AWAITING_APPROVAL);
    wf.approveCutover(by("as a signal")); // a signal, not an Update: both must replay
    reach(client, wf, id, Phase.LIVE);
    assertTrue(wf.rollbackDecision(by("Green misbehaves")).accepted());
    DeploymentStatus done = WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    assertEquals(List.of("AWAITING_APPROVAL", "AWAITING_APPROVAL", "LIVE"), replayedAt);
  }

  @Test
  void aFinalizedDeploymentReplaysAtEveryStep(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    String id = "bluegreen-replay-finalize";
    BlueGreenDeploymentWorkflow wf = start(env, worker, client, id);
    reach(client, wf, id, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(by("go")).accepted());
    assertFalse(wf.approveCutoverDecision(by("twice")).accepted(), "a second approval is refused");
    reach(client, wf, id, Phase.LIVE);
    assertTrue(wf.finalizeDecision(by("done")).accepted());
    assertEquals(Phase.COMPLETED, WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class).phase());
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
  }

  @Test
  void aCancellationWhileAwaitingApprovalReplays(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    String id = "bluegreen-replay-cancel";
    BlueGreenDeploymentWorkflow wf = start(env, worker, client, id);
    reach(client, wf, id, Phase.AWAITING_APPROVAL);
    WorkflowStub.fromTyped(wf).cancel();
    try {
      WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
    } catch (RuntimeException cancelled) {
      // A cancelled run ends without a result; its history is what is replayed.
    }
    WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(id), BlueGreenDeploymentWorkflowImpl.class);
    assertTrue(client.fetchHistory(id).getLastEvent().hasWorkflowExecutionCanceledEventAttributes()
        || client.fetchHistory(id).getLastEvent().hasWorkflowExecutionCompletedEventAttributes(),
        "the run closed: " + client.fetchHistory(id).getLastEvent().getEventType());
  }
}
