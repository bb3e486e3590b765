package io.bluegreen.starter.audit;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The histories {@link AuditHistoryRecorder} recorded from deployments started as `./bluegreen
 * start` starts them (search attributes, summaries, conflict policy) with real activities, one per
 * outcome, replay on today's workflow: those of the first workflow version (decisions as signals)
 * as well as today's (decisions as Updates), since running deployments of both must keep going.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CliHistoriesReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "completed-signals", "rolled-back-signals", "aborted-signals", "failed-signals", "cancelled-signals",
      "completed-updates", "rolled-back-updates", "aborted-updates", "failed-updates", "cancelled-updates"})
  void replaysOnTodaysWorkflow(String recording) throws Exception {
    try (InputStream in = CliHistoriesReplayTest.class.getResourceAsStream("/histories/audit/" + recording + ".json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json, "bluegreen-" + recording),
          BlueGreenDeploymentWorkflowImpl.class);
    }
  }
}
