package io.bluegreen.worker;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.Versions;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At worker start: running deployments from before the compatibility floor (docs/versioning.md).
 * Such a run lacks the generation marker ({@link Versions#DEPLOYMENT}), so this worker's code would
 * stop it at its tripwire on its next workflow task; each one is named in a warning that says how
 * to finish or terminate it. Nothing fails here: the worker starts either way, and a visibility or
 * history error is logged and ignored.
 */
final class PreFloorRuns {
  /** How many running deployments are looked at. */
  static final int LIMIT = 100;

  /** The SDK's marker name for {@code Workflow.getVersion}. */
  static final String VERSION_MARKER = "Version";

  private static final Logger log = LoggerFactory.getLogger(PreFloorRuns.class);

  private PreFloorRuns() {}

  /**
   * Looks at up to {@link #LIMIT} running deployments and warns about each from before the floor.
   */
  static void warn(WorkflowClient client) {
    try {
      List<String> ids =
          client
              .listExecutions(
                  "WorkflowType = '"
                      + BlueGreenDeploymentWorkflow.WORKFLOW_TYPE
                      + "' AND ExecutionStatus = 'Running'")
              .limit(LIMIT)
              .map(e -> e.getExecution().getWorkflowId())
              .toList();
      DataConverter converter = client.getOptions().getDataConverter();
      for (String id : ids) {
        if (!hasGenerationMarker(client.fetchHistory(id), converter)) {
          log.warn(
              "deployment workflow {} was started before the compatibility floor (generation {}) and cannot "
                  + "continue on this worker: let it finish on the previous release's worker, or end it with "
                  + "`temporal workflow terminate --workflow-id {}` after restoring Blue by hand; see docs/versioning.md",
              id,
              Versions.FLOOR,
              id);
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "could not look for deployments from before the compatibility floor ({}); going on",
          e.getMessage());
    }
  }

  /**
   * Whether the history carries the marker of {@link Versions#DEPLOYMENT}, the floor's generation.
   */
  static boolean hasGenerationMarker(WorkflowExecutionHistory history, DataConverter converter) {
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED
          || !event.getMarkerRecordedEventAttributes().getMarkerName().equals(VERSION_MARKER)) {
        continue;
      }
      Payloads changeId = event.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId");
      if (changeId != null && Versions.DEPLOYMENT.equals(changeId(changeId, converter))) {
        return true;
      }
    }
    return false;
  }

  private static String changeId(Payloads payloads, DataConverter converter) {
    try {
      return converter.fromPayloads(0, Optional.of(payloads), String.class, String.class);
    } catch (DataConverterException e) {
      return null;
    }
  }
}
