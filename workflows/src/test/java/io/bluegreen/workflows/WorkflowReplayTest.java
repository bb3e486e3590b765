package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.testing.WorkflowReplayer;
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
  @ValueSource(strings = {"full-deployment.json", "rollback.json", "abort.json"})
  void committedHistoryReplays(String file) throws Exception {
    Path path = Path.of("src/test/resources/histories", file);
    assertTrue(Files.exists(path), "missing committed history " + path);
    WorkflowReplayer.replayWorkflowExecution(Files.readString(path), BlueGreenDeploymentWorkflowImpl.class);
  }
}
