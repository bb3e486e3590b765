package io.bluegreen.starter.audit;

import static io.bluegreen.starter.audit.ActivityResults.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one workflow history into an {@link AuditReport}. It walks the events once; the events it
 * does not know (Temporal's bookkeeping, or kinds a newer server adds) are skipped. The workflow's
 * own events (started, closed) are read here; activities are read by {@link ActivityEvents}, the
 * operator's signals and updates by {@link OperatorEvents}, in the one timeline they share.
 */
final class HistoryReader {
  private final EventPayloads payloads;
  private final List<Entry> timeline = new ArrayList<>();
  private final ActivityEvents activities;
  private final OperatorEvents operator;
  private final PhaseSpans phases = new PhaseSpans();
  private JsonNode request;
  private JsonNode result;
  private String outcome = "RUNNING";
  private String failure;
  private String started;
  private String closed;
  private String type;

  HistoryReader(DataConverter converter) {
    this.payloads = new EventPayloads(converter);
    this.activities = new ActivityEvents(payloads, timeline);
    this.operator = new OperatorEvents(payloads, timeline);
  }

  AuditReport read(WorkflowExecutionHistory history, Optional<DeploymentStatus> finalStatus) {
    for (HistoryEvent e : history.getEvents()) {
      event(e);
    }
    Optional<DeploymentStatus> status = finalStatus;
    if (status.isEmpty() && result != null) {
      try {
        status = Optional.of(Json.MAPPER.treeToValue(result, DeploymentStatus.class));
      } catch (Exception ignored) {
        // A result of another shape only loses the accepted/rejected column of signals.
      }
    }
    status.ifPresent(this::fillFromStatus);
    var exec = history.getWorkflowExecution();
    return new AuditReport(
        AuditReport.FORMAT_VERSION,
        exec.getWorkflowId(),
        exec.getRunId(),
        type,
        outcome,
        started,
        closed,
        request,
        OperatorDecisions.match(operator.decisions, status, closed != null),
        new ArrayList<>(activities.collections.values()),
        phases.spans(status, closed),
        activities.switchChanges,
        activities.trafficChanges,
        activities.retries,
        timeline,
        result,
        failure,
        activities.blueJobs.isEmpty() ? null : activities.blueJobs); // absent without a drain
  }

  private void event(HistoryEvent e) {
    String time = EventPayloads.time(e);
    long id = e.getEventId();
    switch (e.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        var a = e.getWorkflowExecutionStartedEventAttributes();
        type = a.getWorkflowType().getName();
        request = payloads.decode(a.hasInput() ? a.getInput() : null);
        started = time;
        if (a.hasSearchAttributes()) {
          payloads.phase(a.getSearchAttributes()).ifPresent(p -> phases.mark(p, time));
        }
        timeline.add(
            new Entry(
                id,
                time,
                "workflowStarted",
                type,
                "deployment started" + describeRequest(request),
                request));
      }
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> activities.scheduled(e, time);
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> activities.started(e);
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> activities.completed(e, time);
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> activities.failed(e, time);
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> activities.timedOut(e, time);
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> activities.canceled(e, time);
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
          payloads
              .phase(e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes())
              .ifPresent(p -> phases.mark(p, time));
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> operator.signaled(e, time);
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> operator.updateAccepted(e, time);
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> operator.updateCompleted(e, time);
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> {
        var a = e.getWorkflowExecutionCancelRequestedEventAttributes();
        timeline.add(
            new Entry(
                id,
                time,
                "cancelRequested",
                type,
                "cancellation requested"
                    + (a.getIdentity().isEmpty() ? "" : " by " + a.getIdentity())
                    + (a.getCause().isEmpty() ? "" : ": " + a.getCause()),
                null));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
        var a = e.getWorkflowExecutionCompletedEventAttributes();
        result = payloads.decode(a.hasResult() ? a.getResult() : null);
        close("COMPLETED", time);
        timeline.add(
            new Entry(
                id,
                time,
                "workflowCompleted",
                type,
                "workflow completed in phase " + text(result, "phase"),
                result));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
        failure = payloads.failure(e.getWorkflowExecutionFailedEventAttributes().getFailure());
        close("FAILED", time);
        timeline.add(
            new Entry(id, time, "workflowFailed", type, "workflow failed: " + failure, null));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
        failure = "terminated: " + e.getWorkflowExecutionTerminatedEventAttributes().getReason();
        close("TERMINATED", time);
        timeline.add(new Entry(id, time, "workflowTerminated", type, "workflow " + failure, null));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
        close("CANCELED", time);
        timeline.add(new Entry(id, time, "workflowCanceled", type, "workflow canceled", null));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
        close("TIMED_OUT", time);
        timeline.add(new Entry(id, time, "workflowTimedOut", type, "workflow timed out", null));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
        close("CONTINUED_AS_NEW", time);
        timeline.add(
            new Entry(
                id,
                time,
                "workflowContinuedAsNew",
                type,
                "continued as a new run (audit that run too)",
                null));
      }
      default -> {
        // Workflow tasks, timers and markers are Temporal's bookkeeping, not decisions.
      }
    }
  }

  private void close(String how, String time) {
    outcome = how;
    closed = time;
  }

  /** The workflow's own figures fill what no activity result said (and never overwrite one). */
  private void fillFromStatus(DeploymentStatus st) {
    if (st.collections() == null) {
      return;
    }
    for (var c : st.collections()) {
      CollectionAudit old = activities.collections.get(c.name());
      activities.collections.put(
          c.name(),
          new CollectionAudit(
              c.name(),
              old != null && old.copiedDocuments() != null ? old.copiedDocuments() : c.copied(),
              old != null && old.blueDocuments() != null ? old.blueDocuments() : c.documents(),
              old != null ? old.greenDocuments() : null,
              old != null && old.blueDigest() != null ? old.blueDigest() : c.blueDigest(),
              old != null && old.greenDigest() != null ? old.greenDigest() : c.greenDigest(),
              old != null && old.match() != null ? old.match() : c.match()));
    }
  }

  private static String describeRequest(JsonNode request) {
    if (request == null) {
      return "";
    }
    return ": "
        + request.path("blue").path("database").asText("?")
        + " -> "
        + request.path("green").path("database").asText("?")
        + (request.hasNonNull("deployment") ? " (" + request.get("deployment").asText() + ")" : "");
  }
}
