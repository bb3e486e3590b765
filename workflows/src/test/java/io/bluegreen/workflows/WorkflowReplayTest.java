package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
class WorkflowReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {"full-deployment.json", "rollback.json", "abort.json", "health-rollback.json"})
  void committedHistoryReplays(String file) throws Exception {
    Path path = Path.of("src/test/resources/histories", file);
    assertTrue(Files.exists(path), "missing committed history " + path);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // A cold JVM on a busy 2-core machine can take over a second on the first workflow task;
      // the SDK's 1 s deadlock detector would then fail a history that replays fine.
      Worker worker = env.newWorker(TaskQueues.BLUE_GREEN,
          WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(BlueGreenDeploymentWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)), worker);
    }
  }
}
