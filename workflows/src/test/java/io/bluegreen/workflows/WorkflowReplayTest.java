package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays committed histories of real runs against today's code: a change that would break
 * deployments already running (non-determinism) fails the build here instead of in production.
 * Intended changes go behind {@code Workflow.getVersion}; {@link HistoryRecorder} adds new files.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkflowReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {
    // before batched verification (version marker "batched-verification" absent)
    "full-deployment.json", "rollback.json", "abort.json", "health-rollback.json",
    // with it
    "full-deployment-v2.json", "rollback-v2.json", "abort-v2.json", "health-rollback-v2.json",
    // Updates, Blue-first restore, cancellation, drain decision timeout, phase upserts (HistoryRecorder, -v3)
    "full-deployment-v3.json", "rollback-v3.json", "abort-v3.json", "health-rollback-v3.json", "drain-timeout-v3.json",
    "resync-v3.json", "restore-after-failure-v3.json", "cancel-v3.json", "parallel-limit-v3.json",
    // the three-way sync: baseline, full and final passes, a halt on conflict settled by resync with a policy (-v4)
    "full-deployment-v4.json", "rollback-v4.json", "abort-v4.json", "health-rollback-v4.json", "drain-timeout-v4.json",
    "resync-v4.json", "restore-after-failure-v4.json", "cancel-v4.json", "conflict-halt-v4.json", "parallel-limit-v4.json"})
  void committedHistoryReplays(String file) throws Exception {
    replay(file, BlueGreenDeploymentWorkflowImpl.class);
  }

  /** The replayer is not vacuous: a workflow that issues one more command first is caught. */
  @ParameterizedTest
  @ValueSource(strings = {"full-deployment-v4.json", "conflict-halt-v4.json", "rollback-v2.json"})
  void aChangedWorkflowFailsReplay(String file) {
    Exception e = assertThrows(Exception.class, () -> replay(file, ChangedWorkflow.class));
    assertTrue(rootCauses(e).contains("NonDeterministicException"), "expected a non-determinism error, got " + e);
  }

  /** Today's workflow with one unversioned change: a timer before anything else. */
  public static class ChangedWorkflow extends BlueGreenDeploymentWorkflowImpl {
    @Override
    public DeploymentStatus deploy(DeploymentRequest request) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.deploy(request);
    }
  }

  private static void replay(String file, Class<?> implementation) throws Exception {
    Path path = Path.of("src/test/resources/histories", file);
    assertTrue(Files.exists(path), "missing committed history " + path);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // A cold JVM on a busy 2-core machine can take over a second on the first workflow task;
      // the SDK's 1 s deadlock detector would then fail a history that replays fine.
      Worker worker = env.newWorker(TaskQueues.BLUE_GREEN,
          WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(implementation);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)), worker);
    }
  }

  private static String rootCauses(Throwable e) {
    StringBuilder names = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      names.append(t.getClass().getName()).append(' ').append(t.getMessage()).append('\n');
    }
    return names.toString();
  }
}
