package io.bluegreen.starter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.SignalRecord;
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
import java.util.Set;

/**
 * The audit of one deployment, built only from its workflow history, so it can be produced after
 * the workflow closed and with no worker running. The JSON form of this record is the stable
 * structure `audit --format json` prints (documented in the README).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditReport(
    int formatVersion,
    String workflowId,
    String runId,
    String workflowType,
    String outcome,
    String startedAt,
    String closedAt,
    JsonNode request,
    List<OperatorAction> operatorActions,
    List<CollectionAudit> collections,
    List<Entry> timeline,
    JsonNode result,
    String failure) {

  /** One history event worth an auditor's time. {@code details} is the decoded payload. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(long eventId, String time, String kind, String name, String summary, JsonNode details) {}

  /** A signal an operator sent; {@code accepted} is null while the workflow has not said. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OperatorAction(String signal, String by, String reason, String time, Boolean accepted, String note) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CollectionAudit(
      String name, Long copiedDocuments, Long blueDocuments, Long greenDocuments,
      String blueDigest, String greenDigest, Boolean match) {}

  public static final int FORMAT_VERSION = 1;

  /**
   * @param finalStatus the workflow's result if it closed with one, else (optionally) a live
   *     status; only used to tell which signals were accepted
   */
  public static AuditReport from(
      WorkflowExecutionHistory history, DataConverter converter, Optional<DeploymentStatus> finalStatus) {
    List<Entry> timeline = new ArrayList<>();
    List<HistoryEvent> events = history.getEvents();
    Map<Long, String> activityTypes = new HashMap<>();
    Map<String, CollectionAudit> collections = new LinkedHashMap<>();
    List<JsonNode> signals = new ArrayList<>();
    List<String> signalNames = new ArrayList<>();
    List<String> signalTimes = new ArrayList<>();
    JsonNode request = null;
    JsonNode result = null;
    String outcome = "RUNNING";
    String failure = null;
    String started = null;
    String closed = null;
    String type = null;

    for (HistoryEvent e : events) {
      String time = time(e);
      long id = e.getEventId();
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var a = e.getWorkflowExecutionStartedEventAttributes();
          type = a.getWorkflowType().getName();
          request = decode(converter, a.hasInput() ? a.getInput() : null);
          started = time;
          timeline.add(new Entry(id, time, "workflowStarted", type,
              "deployment started" + describeRequest(request), request));
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = e.getActivityTaskScheduledEventAttributes();
          String name = a.getActivityType().getName();
          activityTypes.put(id, name);
          JsonNode input = decode(converter, a.hasInput() ? a.getInput() : null);
          timeline.add(new Entry(id, time, "activityScheduled", name, "scheduled " + name + subject(input), input));
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var a = e.getActivityTaskCompletedEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          JsonNode out = decode(converter, a.hasResult() ? a.getResult() : null);
          record(collections, name, out);
          timeline.add(new Entry(id, time, "activityCompleted", name, summarize(name, out), out));
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = e.getActivityTaskFailedEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          timeline.add(new Entry(id, time, "activityFailed", name,
              name + " failed: " + a.getFailure().getMessage(), null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = e.getActivityTaskTimedOutEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          timeline.add(new Entry(id, time, "activityTimedOut", name,
              name + " timed out: " + a.getFailure().getMessage(), null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
          var a = e.getWorkflowExecutionSignaledEventAttributes();
          JsonNode arg = decode(converter, a.hasInput() ? a.getInput() : null);
          signals.add(arg);
          signalNames.add(a.getSignalName());
          signalTimes.add(time);
          timeline.add(new Entry(id, time, "signalReceived", a.getSignalName(),
              a.getSignalName() + " by " + text(arg, "by") + ": " + text(arg, "reason"), arg));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
          var a = e.getWorkflowExecutionCompletedEventAttributes();
          result = decode(converter, a.hasResult() ? a.getResult() : null);
          outcome = "COMPLETED";
          closed = time;
          timeline.add(new Entry(id, time, "workflowCompleted", type,
              "workflow completed in phase " + text(result, "phase"), result));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
          failure = e.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
          outcome = "FAILED";
          closed = time;
          timeline.add(new Entry(id, time, "workflowFailed", type, "workflow failed: " + failure, null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
          failure = "terminated: " + e.getWorkflowExecutionTerminatedEventAttributes().getReason();
          outcome = "TERMINATED";
          closed = time;
          timeline.add(new Entry(id, time, "workflowTerminated", type, "workflow " + failure, null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
          outcome = "CANCELED";
          closed = time;
          timeline.add(new Entry(id, time, "workflowCanceled", type, "workflow canceled", null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
          outcome = "TIMED_OUT";
          closed = time;
          timeline.add(new Entry(id, time, "workflowTimedOut", type, "workflow timed out", null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
          outcome = "CONTINUED_AS_NEW";
          closed = time;
          timeline.add(new Entry(id, time, "workflowContinuedAsNew", type,
              "continued as a new run (audit that run too)", null));
        }
        default -> {
          // Workflow tasks, timers and markers are Temporal's bookkeeping, not decisions.
        }
      }
    }

    Optional<DeploymentStatus> acceptance = finalStatus;
    if (acceptance.isEmpty() && result != null) {
      try {
        acceptance = Optional.of(Json.MAPPER.treeToValue(result, DeploymentStatus.class));
      } catch (Exception ignored) {
        // A result of another shape only loses the accepted/rejected column.
      }
    }
    List<OperatorAction> actions = operatorActions(signalNames, signals, signalTimes, acceptance);
    if (acceptance.isPresent() && acceptance.get().collections() != null) {
      for (var c : acceptance.get().collections()) {
        CollectionAudit old = collections.get(c.name());
        collections.put(c.name(), new CollectionAudit(c.name(),
            old != null && old.copiedDocuments() != null ? old.copiedDocuments() : c.copied(),
            old != null && old.blueDocuments() != null ? old.blueDocuments() : c.documents(),
            old != null ? old.greenDocuments() : null,
            firstNonNull(old == null ? null : old.blueDigest(), c.blueDigest()),
            firstNonNull(old == null ? null : old.greenDigest(), c.greenDigest()),
            old != null && old.match() != null ? old.match() : c.match()));
      }
    }
    var exec = history.getWorkflowExecution();
    return new AuditReport(FORMAT_VERSION, exec.getWorkflowId(), exec.getRunId(), type, outcome, started, closed,
        request, actions, new ArrayList<>(collections.values()), timeline, result, failure);
  }

  private static List<OperatorAction> operatorActions(
      List<String> names, List<JsonNode> args, List<String> times, Optional<DeploymentStatus> status) {
    List<SignalRecord> records = new ArrayList<>();
    status.ifPresent(s -> {
      if (s.approvals() != null) {
        records.addAll(s.approvals());
      }
      if (s.rejections() != null) {
        records.addAll(s.rejections());
      }
    });
    // The workflow handles signals in the order they arrive, so its records in time order line
    // up with the signal events; the list a record sits in (approvals or rejections) says nothing
    // about that order.
    records.sort(java.util.Comparator.comparing(r -> r.time() == null ? "" : r.time()));
    Set<SignalRecord> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<OperatorAction> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String by = text(args.get(i), "by");
      String reason = text(args.get(i), "reason");
      SignalRecord match = null;
      for (SignalRecord r : records) {
        if (!used.contains(r) && names.get(i).equalsIgnoreCase(String.valueOf(r.signal()))
            && by.equals(String.valueOf(r.by())) && reason.equals(String.valueOf(r.reason()))) {
          match = r;
          break;
        }
      }
      if (match != null) {
        used.add(match);
        out.add(new OperatorAction(names.get(i), by, reason, times.get(i), match.accepted(), match.note()));
      } else {
        out.add(new OperatorAction(names.get(i), by, reason, times.get(i), null,
            status.isPresent() ? "not recorded by the workflow" : "not known until the workflow closes"));
      }
    }
    // Decisions the workflow took itself (a rollback by the health gate) have no signal event;
    // they are records no signal matched, and an auditor must see them beside the operators'.
    for (SignalRecord r : records) {
      if (!used.contains(r) && r.accepted()) {
        out.add(new OperatorAction(r.signal(), r.by(), r.reason(), r.time(), true, "taken automatically by the workflow"));
      }
    }
    out.sort(java.util.Comparator.comparing(a -> a.time() == null ? "" : a.time()));
    return out;
  }

  private static void record(Map<String, CollectionAudit> collections, String activity, JsonNode out) {
    if (out == null || !out.has("collection")) {
      return;
    }
    String name = out.get("collection").asText();
    CollectionAudit old = collections.getOrDefault(name, new CollectionAudit(name, null, null, null, null, null, null));
    if (activity.equals("CopyCollection")) {
      collections.put(name, new CollectionAudit(name, out.path("documents").asLong(), old.blueDocuments(),
          old.greenDocuments(), old.blueDigest(), old.greenDigest(), old.match()));
    } else if (activity.equals("VerifyCollection")) {
      collections.put(name, new CollectionAudit(name, old.copiedDocuments(), out.path("blueDocuments").asLong(),
          out.path("greenDocuments").asLong(), out.path("blueDigest").asText(null),
          out.path("greenDigest").asText(null), out.path("match").asBoolean()));
    }
  }

  static String summarize(String activity, JsonNode out) {
    if (out == null || out.isNull()) {
      return activity + " completed";
    }
    return switch (activity) {
      case "CopyCollection" -> "copied " + text(out, "collection") + ": " + out.path("documents").asLong()
          + " documents, " + out.path("indexes").asInt() + " indexes";
      case "VerifyCollection" -> "verified " + text(out, "collection") + ": Blue " + out.path("blueDocuments").asLong()
          + " / Green " + out.path("greenDocuments").asLong() + " documents, "
          + (out.path("match").asBoolean() ? "match" : "DIFFER (missing " + out.path("missing").asLong()
              + ", extra " + out.path("extra").asLong() + ", changed " + out.path("changed").asLong() + ")")
          + ", digest " + StatusTable.prefix(text(out, "blueDigest"));
      case "SetSwitch" -> text(out, "colour") + " " + text(out, "switchName") + ": "
          + (out.path("previous").isNull() || out.path("previous").isMissingNode() ? "unset" : out.path("previous").asText())
          + " -> " + out.path("on").asBoolean();
      case "PointTraffic" -> "traffic: " + (out.path("previous").isMissingNode() || out.path("previous").isNull()
          ? "unset" : text(out, "previous")) + " -> " + text(out, "colour");
      default -> activity + " completed: " + truncate(Json.compact(out), 160);
    };
  }

  private static String subject(JsonNode input) {
    if (input == null) {
      return "";
    }
    for (String f : List.of("collection", "switchName", "colour")) {
      if (input.hasNonNull(f)) {
        return " (" + input.get(f).asText() + ")";
      }
    }
    return "";
  }

  private static String describeRequest(JsonNode request) {
    if (request == null) {
      return "";
    }
    return ": " + request.path("blue").path("database").asText("?") + " -> "
        + request.path("green").path("database").asText("?")
        + (request.hasNonNull("deployment") ? " (" + request.get("deployment").asText() + ")" : "");
  }

  private static JsonNode decode(DataConverter converter, Payloads payloads) {
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
    return n == null || !n.hasNonNull(field) ? "" : n.get(field).asText();
  }

  private static String time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos()).toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  /** The same report for the run the server named: a fetched history does not carry its run ID. */
  public AuditReport withRunId(String id) {
    return new AuditReport(formatVersion, workflowId, id, workflowType, outcome, startedAt, closedAt, request,
        operatorActions, collections, timeline, result, failure);
  }

  public String toJson() {
    return Json.pretty(this);
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Deployment audit: ").append(workflowId).append("\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "Workflow", workflowId + " (run " + runId + ")");
    row(md, "Type", workflowType);
    row(md, "Deployment", request == null ? "" : text(request, "deployment"));
    row(md, "Blue", platform(request == null ? null : request.get("blue")));
    row(md, "Green", platform(request == null ? null : request.get("green")));
    row(md, "Outcome", outcome + (result != null && result.hasNonNull("phase") ? " (phase " + result.get("phase").asText() + ")" : ""));
    row(md, "Started", started());
    row(md, "Closed", closedAt == null ? "still running" : closedAt);
    if (failure != null) {
      row(md, "Failure", failure);
    }
    if (result != null && result.hasNonNull("error")) {
      row(md, "Error", result.get("error").asText());
    }

    md.append("\n## Operator decisions\n\n");
    if (operatorActions.isEmpty()) {
      md.append("No operator signals were sent.\n");
    } else {
      md.append("| time | signal | by | reason | outcome |\n|---|---|---|---|---|\n");
      for (OperatorAction a : operatorActions) {
        String outcomeText = a.accepted() == null ? "unknown (" + a.note() + ")"
            : a.accepted() ? "accepted" : "rejected" + (a.note() == null ? "" : ": " + a.note());
        md.append("| ").append(a.time()).append(" | ").append(a.signal()).append(" | ").append(cell(a.by()))
            .append(" | ").append(cell(a.reason())).append(" | ").append(cell(outcomeText)).append(" |\n");
      }
    }

    md.append("\n## Collections\n\n");
    if (collections.isEmpty()) {
      md.append("No collection was copied.\n");
    } else {
      md.append("| collection | copied | Blue documents | Green documents | Blue digest | Green digest | match |\n")
          .append("|---|--:|--:|--:|---|---|---|\n");
      for (CollectionAudit c : collections) {
        md.append("| ").append(c.name()).append(" | ").append(n(c.copiedDocuments())).append(" | ")
            .append(n(c.blueDocuments())).append(" | ").append(n(c.greenDocuments())).append(" | `")
            .append(n(c.blueDigest())).append("` | `").append(n(c.greenDigest())).append("` | ")
            .append(c.match() == null ? "not verified" : c.match() ? "yes" : "**no**").append(" |\n");
      }
    }

    md.append("\n## Timeline\n\n| # | time | event | detail |\n|--:|---|---|---|\n");
    for (Entry e : timeline) {
      md.append("| ").append(e.eventId()).append(" | ").append(e.time()).append(" | ").append(e.kind())
          .append(" | ").append(cell(e.summary())).append(" |\n");
    }
    if (request != null) {
      md.append("\n## Request\n\n```json\n").append(Json.pretty(request)).append("\n```\n");
    }
    return md.toString();
  }

  private String started() {
    return startedAt == null ? "" : startedAt;
  }

  private static String platform(JsonNode p) {
    if (p == null) {
      return "";
    }
    return "database `" + text(p, "database") + "` on " + text(p, "mongo") + ", Redis db " + text(p, "redisDb")
        + " on " + text(p, "redis") + ", profile `" + text(p, "profile") + "`";
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private static String n(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
