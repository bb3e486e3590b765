package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.audit.AuditReport.ActivityTrouble;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.starter.audit.AuditReport.SwitchChange;
import io.bluegreen.starter.audit.AuditReport.TrafficChange;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one workflow history into an {@link AuditReport}. It walks the events once; the events it
 * does not know (Temporal's bookkeeping, or kinds a newer server adds) are skipped, and activity
 * types it does not know are shown generically (see {@link ActivityResults}).
 */
final class HistoryReader {
  private final DataConverter converter;

  private final List<Entry> timeline = new ArrayList<>();
  private final Map<Long, String> activityTypes = new HashMap<>();
  private final Map<Long, JsonNode> activityInputs = new HashMap<>();
  private final Map<Long, Integer> attempts = new HashMap<>();
  private final Map<Long, String> lastFailures = new HashMap<>();
  private final Map<String, CollectionAudit> collections = new LinkedHashMap<>();
  private final List<OperatorDecisions.Sent> decisions = new ArrayList<>();
  private final Map<String, OperatorDecisions.Sent> updates = new HashMap<>();
  private final List<SwitchChange> switchChanges = new ArrayList<>();
  private final List<AuditReport.BlueJobsAudit> blueJobs = new ArrayList<>();
  private final List<TrafficChange> trafficChanges = new ArrayList<>();
  private final List<ActivityTrouble> retries = new ArrayList<>();
  private final PhaseSpans phases = new PhaseSpans();
  private JsonNode request;
  private JsonNode result;
  private String outcome = "RUNNING";
  private String failure;
  private String started;
  private String closed;
  private String type;

  HistoryReader(DataConverter converter) {
    this.converter = converter;
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
        OperatorDecisions.match(decisions, status, closed != null),
        new ArrayList<>(collections.values()),
        phases.spans(status, closed),
        switchChanges,
        trafficChanges,
        retries,
        timeline,
        result,
        failure,
        blueJobs.isEmpty() ? null : blueJobs); // absent from histories without a drain
  }

  private void event(HistoryEvent e) {
    String time = time(e);
    long id = e.getEventId();
    switch (e.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        var a = e.getWorkflowExecutionStartedEventAttributes();
        type = a.getWorkflowType().getName();
        request = decode(a.hasInput() ? a.getInput() : null);
        started = time;
        if (a.hasSearchAttributes()) {
          phase(a.getSearchAttributes()).ifPresent(p -> phases.mark(p, time));
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
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var a = e.getActivityTaskScheduledEventAttributes();
        String name = a.getActivityType().getName();
        JsonNode input = decode(a.hasInput() ? a.getInput() : null);
        activityTypes.put(id, name);
        activityInputs.put(id, input);
        String subject = ActivityResults.subject(input);
        timeline.add(
            new Entry(
                id,
                time,
                "activityScheduled",
                name,
                "scheduled " + name + (subject == null ? "" : " (" + subject + ")"),
                input));
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var a = e.getActivityTaskStartedEventAttributes();
        attempts.put(a.getScheduledEventId(), a.getAttempt());
        if (a.hasLastFailure()) {
          lastFailures.put(
              a.getScheduledEventId(), FailureMessages.of(converter, a.getLastFailure()));
        }
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var a = e.getActivityTaskCompletedEventAttributes();
        long scheduled = a.getScheduledEventId();
        String name = activityTypes.getOrDefault(scheduled, "activity");
        JsonNode out = decode(a.hasResult() ? a.getResult() : null);
        ActivityResults.record(collections, name, out);
        JsonNode input = activityInputs.get(scheduled);
        if (name.equals("SetSwitch") && out != null) {
          switchChanges.add(
              new SwitchChange(
                  time,
                  text(out, "colour"),
                  text(out, "switchName"),
                  out.hasNonNull("previous") ? out.get("previous").asBoolean() : null,
                  out.path("on").asBoolean()));
        } else if (BlueJobsSection.ACTIVITIES.contains(name) && out != null) {
          BlueJobsSection.read(time, name, out).ifPresent(blueJobs::add);
        } else if (name.equals("PointTraffic") && out != null) {
          trafficChanges.add(
              new TrafficChange(
                  time,
                  input == null ? null : input.path("key").asText(null),
                  out.hasNonNull("previous") ? out.get("previous").asText() : null,
                  text(out, "colour")));
        }
        trouble(scheduled, name, "completed", null, time);
        timeline.add(
            new Entry(
                id, time, "activityCompleted", name, ActivityResults.summarize(name, out), out));
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var a = e.getActivityTaskFailedEventAttributes();
        String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
        String message = FailureMessages.of(converter, a.getFailure());
        trouble(a.getScheduledEventId(), name, "failed", message, time);
        timeline.add(
            new Entry(id, time, "activityFailed", name, name + " failed: " + message, null));
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var a = e.getActivityTaskTimedOutEventAttributes();
        String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
        String message = FailureMessages.of(converter, a.getFailure());
        trouble(a.getScheduledEventId(), name, "timedOut", message, time);
        timeline.add(
            new Entry(id, time, "activityTimedOut", name, name + " timed out: " + message, null));
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
        var a = e.getActivityTaskCanceledEventAttributes();
        String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
        timeline.add(new Entry(id, time, "activityCanceled", name, name + " canceled", null));
      }
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
          phase(e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes())
              .ifPresent(p -> phases.mark(p, time));
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var a = e.getWorkflowExecutionSignaledEventAttributes();
        JsonNode arg = decode(a.hasInput() ? a.getInput() : null);
        decisions.add(new OperatorDecisions.Sent(a.getSignalName(), arg, time, "signal"));
        timeline.add(
            new Entry(
                id,
                time,
                "signalReceived",
                a.getSignalName(),
                a.getSignalName() + " by " + text(arg, "by") + ": " + text(arg, "reason"),
                arg));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
        var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
        var input = a.getAcceptedRequest().getInput();
        JsonNode arg = decode(input.hasArgs() ? input.getArgs() : null);
        var sent = new OperatorDecisions.Sent(input.getName(), arg, time, "update");
        decisions.add(sent);
        updates.put(a.getAcceptedRequest().getMeta().getUpdateId(), sent);
        timeline.add(
            new Entry(
                id,
                time,
                "updateAccepted",
                input.getName(),
                input.getName() + " by " + text(arg, "by") + ": " + text(arg, "reason"),
                arg));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
        var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
        var sent = updates.get(a.getMeta().getUpdateId());
        String name = sent == null ? "update" : sent.name;
        if (a.getOutcome().hasSuccess()) {
          // DecisionResult {accepted, phase, note}: accepted:false is the workflow refusing it in
          // its phase.
          JsonNode answer = decode(a.getOutcome().getSuccess());
          boolean accepted = answer != null && answer.path("accepted").asBoolean(false);
          String note =
              answer == null || !answer.hasNonNull("note") ? null : answer.get("note").asText();
          if (sent != null) {
            sent.accepted = accepted;
            sent.note = note;
          }
          timeline.add(
              new Entry(
                  id,
                  time,
                  "updateCompleted",
                  name,
                  name
                      + (accepted ? " accepted" : " rejected")
                      + (answer != null && answer.hasNonNull("phase")
                          ? " in " + answer.get("phase").asText()
                          : "")
                      + (note == null ? "" : ": " + note),
                  answer));
        } else {
          String message = FailureMessages.of(converter, a.getOutcome().getFailure());
          if (sent != null) {
            sent.accepted = false;
            sent.note = message;
          }
          timeline.add(
              new Entry(id, time, "updateFailed", name, name + " failed: " + message, null));
        }
      }
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
        result = decode(a.hasResult() ? a.getResult() : null);
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
        failure =
            FailureMessages.of(
                converter, e.getWorkflowExecutionFailedEventAttributes().getFailure());
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
      CollectionAudit old = collections.get(c.name());
      collections.put(
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

  private void trouble(long scheduledId, String name, String how, String message, String time) {
    int n = attempts.getOrDefault(scheduledId, 1);
    if (n > 1 || !how.equals("completed")) {
      retries.add(
          new ActivityTrouble(
              scheduledId,
              name,
              ActivityResults.subject(activityInputs.get(scheduledId)),
              n,
              how,
              message != null ? message : lastFailures.get(scheduledId),
              time));
    }
  }

  private Optional<String> phase(io.temporal.api.common.v1.SearchAttributes attrs) {
    var payload = attrs.getIndexedFieldsMap().get(SearchAttributes.PHASE.getName());
    if (payload == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = converter.fromPayload(payload, JsonNode.class, JsonNode.class);
      // Keyword values may come back as a one-element list.
      JsonNode v = n != null && n.isArray() && n.size() > 0 ? n.get(0) : n;
      return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    } catch (RuntimeException e) {
      return Optional.empty();
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

  private JsonNode decode(Payloads payloads) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return converter.fromPayloads(0, Optional.of(payloads), JsonNode.class, JsonNode.class);
    } catch (RuntimeException e) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("undecodable", e.getMessage());
      return n;
    }
  }

  private static String text(JsonNode n, String field) {
    return ActivityResults.text(n, field);
  }

  private static String time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos())
        .toString();
  }
}
