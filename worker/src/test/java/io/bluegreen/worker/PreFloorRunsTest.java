package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.Versions;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which running deployments the worker warns about at start: those without the floor's generation
 * marker.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PreFloorRunsTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  private static HistoryEvent versionMarker(String changeId) {
    Payloads id = CONVERTER.toPayloads(changeId).orElseThrow();
    Payloads version = CONVERTER.toPayloads(1).orElseThrow();
    return HistoryEvent.newBuilder()
        .setEventId(5)
        .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
        .setMarkerRecordedEventAttributes(
            MarkerRecordedEventAttributes.newBuilder()
                .setMarkerName(PreFloorRuns.VERSION_MARKER)
                .putDetails("changeId", id)
                .putDetails("version", version))
        .build();
  }

  private static WorkflowExecutionHistory history(HistoryEvent... markers) {
    History.Builder h =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(1)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setWorkflowType(
                                WorkflowType.newBuilder()
                                    .setName(BlueGreenDeploymentWorkflow.WORKFLOW_TYPE))));
    for (HistoryEvent m : markers) {
      h.addEvents(m);
    }
    return new WorkflowExecutionHistory(h.build(), "bluegreen-test");
  }

  @Test
  void aRunOfTheFloorsGenerationIsNotWarnedAbout() {
    assertTrue(
        PreFloorRuns.hasGenerationMarker(history(versionMarker(Versions.DEPLOYMENT)), CONVERTER));
  }

  @Test
  void aRunWithOnlyRetiredChangeIdsOrNoneIsFromBeforeTheFloor() {
    assertFalse(
        PreFloorRuns.hasGenerationMarker(
            history(versionMarker("three-way-sync"), versionMarker("blue-first-restore")),
            CONVERTER));
    assertFalse(PreFloorRuns.hasGenerationMarker(history(), CONVERTER));
  }
}
