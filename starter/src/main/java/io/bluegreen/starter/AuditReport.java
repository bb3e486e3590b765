package io.bluegreen.starter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.workflows.SearchAttributes;
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
    List<PhaseSpan> phases,
    List<SwitchChange> switchChanges,
    List<TrafficChange> trafficChanges,
    List<ActivityTrouble> retries,
    List<Entry> timeline,
    JsonNode result,
    String failure) {

  /** How long the deployment spent in a phase; {@code endedAt}/{@code seconds} are null while in it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhaseSpan(String phase, String startedAt, String endedAt, Double seconds) {}

  /** A switch the deployment set in a profile, with the value it had before (null when absent). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SwitchChange(String time, String colour, String switchName, Boolean previous, boolean on) {}

  /** The traffic key moved from {@code previous} (null when unset) to {@code colour}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrafficChange(String time, String key, String previous, String colour) {}

  /**
   * An activity that needed more than one attempt or did not complete: {@code attempts} comes from
   * the ActivityTaskStarted event (Temporal records only the last attempt there), {@code outcome}
   * is completed, failed or timedOut, {@code lastFailure} the failure that caused the last retry.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActivityTrouble(
      long scheduledEventId, String activity, String subject, int attempts, String outcome, String lastFailure,
      String time) {}

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
    Map<Long, JsonNode> activityInputs = new HashMap<>();
    Map<Long, Integer> attempts = new HashMap<>();
    Map<Long, String> lastFailures = new HashMap<>();
    List<SwitchChange> switchChanges = new ArrayList<>();
    List<TrafficChange> trafficChanges = new ArrayList<>();
    List<ActivityTrouble> retries = new ArrayList<>();
    List<String[]> phaseMarks = new ArrayList<>();
    boolean phaseUpserted = false;

    for (HistoryEvent e : events) {
      String time = time(e);
      long id = e.getEventId();
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var a = e.getWorkflowExecutionStartedEventAttributes();
          type = a.getWorkflowType().getName();
          request = decode(converter, a.hasInput() ? a.getInput() : null);
          started = time;
          phase(converter, a.hasSearchAttributes() ? a.getSearchAttributes() : null).ifPresent(p -> phaseMarks.add(new String[] {p, time}));
          timeline.add(new Entry(id, time, "workflowStarted", type,
              "deployment started" + describeRequest(request), request));
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = e.getActivityTaskScheduledEventAttributes();
          String name = a.getActivityType().getName();
          activityTypes.put(id, name);
          JsonNode input = decode(converter, a.hasInput() ? a.getInput() : null);
          activityInputs.put(id, input);
          timeline.add(new Entry(id, time, "activityScheduled", name, "scheduled " + name + subject(input), input));
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var a = e.getActivityTaskCompletedEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          JsonNode out = decode(converter, a.hasResult() ? a.getResult() : null);
          record(collections, name, out);
          JsonNode input = activityInputs.get(a.getScheduledEventId());
          if (name.equals("SetSwitch") && out != null) {
            switchChanges.add(new SwitchChange(time, text(out, "colour"), text(out, "switchName"),
                out.hasNonNull("previous") ? out.get("previous").asBoolean() : null, out.path("on").asBoolean()));
          } else if (name.equals("PointTraffic") && out != null) {
            trafficChanges.add(new TrafficChange(time, input == null ? null : input.path("key").asText(null),
                out.hasNonNull("previous") ? out.get("previous").asText() : null, text(out, "colour")));
          }
          trouble(retries, a.getScheduledEventId(), name, input, attempts, lastFailures, "completed", null, time);
          timeline.add(new Entry(id, time, "activityCompleted", name, summarize(name, out), out));
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = e.getActivityTaskFailedEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          trouble(retries, a.getScheduledEventId(), name, activityInputs.get(a.getScheduledEventId()), attempts,
              lastFailures, "failed", a.getFailure().getMessage(), time);
          timeline.add(new Entry(id, time, "activityFailed", name,
              name + " failed: " + a.getFailure().getMessage(), null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = e.getActivityTaskTimedOutEventAttributes();
          String name = activityTypes.getOrDefault(a.getScheduledEventId(), "activity");
          trouble(retries, a.getScheduledEventId(), name, activityInputs.get(a.getScheduledEventId()), attempts,
              lastFailures, "timedOut", a.getFailure().getMessage(), time);
          timeline.add(new Entry(id, time, "activityTimedOut", name,
              name + " timed out: " + a.getFailure().getMessage(), null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = e.getActivityTaskStartedEventAttributes();
          attempts.put(a.getScheduledEventId(), a.getAttempt());
          if (a.hasLastFailure()) {
            lastFailures.put(a.getScheduledEventId(), a.getLastFailure().getMessage());
          }
        }
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
          var p = phase(converter, e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes());
          if (p.isPresent()) {
            phaseUpserted = true;
            if (phaseMarks.isEmpty() || !phaseMarks.get(phaseMarks.size() - 1)[0].equals(p.get())) {
              phaseMarks.add(new String[] {p.get(), time});
            }
          }
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
    if (!phaseUpserted) {
      // Without BlueGreenPhase upserts in the history, the workflow's own event trail (its result,
      // or the live status) carries the phase of every event; it keeps only the latest events, so
      // a long deployment may show its later phases only.
      phaseMarks.clear();
      acceptance.ifPresent(st -> {
        if (st.events() != null) {
          for (var ev : st.events()) {
            if (ev.phase() != null && (phaseMarks.isEmpty()
                || !phaseMarks.get(phaseMarks.size() - 1)[0].equals(ev.phase().name()))) {
              phaseMarks.add(new String[] {ev.phase().name(), ev.time()});
            }
          }
        }
      });
    }
    var exec = history.getWorkflowExecution();
    return new AuditReport(FORMAT_VERSION, exec.getWorkflowId(), exec.getRunId(), type, outcome, started, closed,
        request, actions, new ArrayList<>(collections.values()), spans(phaseMarks, closed), switchChanges,
        trafficChanges, retries, timeline, result, failure);
  }

  /** Consecutive phase marks become spans; the last one ends when the workflow closed, if it did. */
  static List<PhaseSpan> spans(List<String[]> marks, String closedAt) {
    List<PhaseSpan> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      String start = marks.get(i)[1];
      String end = i + 1 < marks.size() ? marks.get(i + 1)[1] : closedAt;
      Double seconds = null;
      if (start != null && end != null) {
        try {
          seconds = java.time.Duration.between(Instant.parse(start), Instant.parse(end)).toMillis() / 1000.0;
        } catch (java.time.format.DateTimeParseException ignored) {
          // A time in another format only loses the duration.
        }
      }
      out.add(new PhaseSpan(marks.get(i)[0], start, end, seconds));
    }
    return out;
  }

  private static void trouble(List<ActivityTrouble> out, long scheduledId, String name, JsonNode input,
      Map<Long, Integer> attempts, Map<Long, String> lastFailures, String outcome, String failure, String time) {
    int n = attempts.getOrDefault(scheduledId, 1);
    if (n > 1 || !outcome.equals("completed")) {
      String subject = subject(input);
      out.add(new ActivityTrouble(scheduledId, name,
          subject.isEmpty() ? null : subject.substring(2, subject.length() - 1), n, outcome,
          failure != null ? failure : lastFailures.get(scheduledId), time));
    }
  }

  private static Optional<String> phase(DataConverter converter, io.temporal.api.common.v1.SearchAttributes attrs) {
    if (attrs == null) {
      return Optional.empty();
    }
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
        operatorActions, collections, phases, switchChanges, trafficChanges, retries, timeline, result, failure);
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
    if (result != null && (result.hasNonNull("blueRelease") || result.hasNonNull("greenRelease"))) {
      row(md, "Releases", "Blue " + (result.hasNonNull("blueRelease") ? result.get("blueRelease").asText() : "unknown")
          + ", Green " + (result.hasNonNull("greenRelease") ? result.get("greenRelease").asText() : "unknown"));
    }
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

    md.append("\n## Phases\n\n");
    if (phases.isEmpty()) {
      md.append("No phase information in the history (the workflow's result or status is needed).\n");
    } else {
      md.append("| phase | started | ended | duration |\n|---|---|---|--:|\n");
      for (PhaseSpan p : phases) {
        md.append("| ").append(p.phase()).append(" | ").append(n(p.startedAt())).append(" | ")
            .append(p.endedAt() == null ? "in progress" : p.endedAt()).append(" | ")
            .append(p.seconds() == null ? "" : seconds(p.seconds())).append(" |\n");
      }
    }

    md.append("\n## Switches and traffic\n\n");
    if (switchChanges.isEmpty() && trafficChanges.isEmpty()) {
      md.append("No switch or traffic key was changed.\n");
    } else {
      md.append("| time | change |\n|---|---|\n");
      List<String[]> changes = new ArrayList<>();
      for (SwitchChange c : switchChanges) {
        changes.add(new String[] {c.time(), c.colour() + " " + c.switchName() + ": "
            + (c.previous() == null ? "unset" : c.previous()) + " -> " + c.on()});
      }
      for (TrafficChange c : trafficChanges) {
        changes.add(new String[] {c.time(), "traffic" + (c.key() == null ? "" : " key " + c.key()) + ": "
            + (c.previous() == null ? "unset" : c.previous()) + " -> " + c.colour()});
      }
      changes.sort(java.util.Comparator.comparing(c -> c[0]));
      for (String[] c : changes) {
        md.append("| ").append(c[0]).append(" | ").append(cell(c[1])).append(" |\n");
      }
    }

    md.append("\n## Retries and failures\n\n");
    if (retries.isEmpty()) {
      md.append("Every activity succeeded on its first attempt.\n");
    } else {
      md.append("| time | activity | attempts | outcome | last failure |\n|---|---|--:|---|---|\n");
      for (ActivityTrouble r : retries) {
        md.append("| ").append(r.time()).append(" | ").append(r.activity())
            .append(r.subject() == null ? "" : " (" + cell(r.subject()) + ")").append(" | ").append(r.attempts())
            .append(" | ").append(r.outcome()).append(" | ").append(cell(n(r.lastFailure()))).append(" |\n");
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

  private static String seconds(double s) {
    return s < 60 ? String.format("%.1fs", s) : PlanView.duration(java.time.Duration.ofMillis((long) (s * 1000)));
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
