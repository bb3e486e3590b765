package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflowImpl;
import io.bluegreen.workflows.Versions;
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
 * outcome, stay as fixtures of the audit. They were recorded before the compatibility floor
 * (docs/versioning.md), so today's workflow must refuse to replay them at its tripwire, by the
 * generation's change id, rather than diverge somewhere inside; the floor's own histories replay in
 * the workflows module (WorkflowReplayTest).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CliHistoriesReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "completed-signals", "rolled-back-signals", "aborted-signals", "failed-signals",
            "cancelled-signals",
        "completed-updates", "rolled-back-updates", "aborted-updates", "failed-updates",
            "cancelled-updates"
      })
  void preFloorRecordingsStopAtTheTripwire(String recording) throws Exception {
    try (InputStream in =
        CliHistoriesReplayTest.class.getResourceAsStream(
            "/histories/audit/" + recording + ".json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Exception e =
          assertThrows(
              Exception.class,
              () ->
                  WorkflowReplayer.replayWorkflowExecution(
                      WorkflowExecutionHistory.fromJson(json, "bluegreen-" + recording),
                      BlueGreenDeploymentWorkflowImpl.class));
      StringBuilder causes = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        causes.append(t).append('\n');
      }
      assertTrue(causes.toString().contains(Versions.DEPLOYMENT), causes.toString());
    }
  }
}
