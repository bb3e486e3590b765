package io.bluegreen.starter.audit;

import static io.bluegreen.starter.audit.ActivityResults.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.ActivityTrouble;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.starter.audit.AuditReport.SwitchChange;
import io.bluegreen.starter.audit.AuditReport.TrafficChange;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activities of one history: what each was asked when scheduled, how many attempts it took and
 * what it answered. Completions give the per-collection figures and the switch and traffic changes;
 * retried, failed and timed-out activities are the report's troubles. Activity types it does not
 * know are shown generically (see {@link ActivityResults}).
 */
final class ActivityEvents {
  private final EventPayloads payloads;
  private final List<Entry> timeline;
  private final Map<Long, String> activityTypes = new HashMap<>();
  private final Map<Long, JsonNode> activityInputs = new HashMap<>();
  private final Map<Long, Integer> attempts = new HashMap<>();
  private final Map<Long, String> lastFailures = new HashMap<>();
  final Map<String, CollectionAudit> collections = new LinkedHashMap<>();
  final List<SwitchChange> switchChanges = new ArrayList<>();
  final List<TrafficChange> trafficChanges = new ArrayList<>();
  final List<AuditReport.BlueJobsAudit> blueJobs = new ArrayList<>();
  final List<ActivityTrouble> retries = new ArrayList<>();

  /** Adds its entries to {@code timeline}, shared with the reader's other events. */
  ActivityEvents(EventPayloads payloads, List<Entry> timeline) {
    this.payloads = payloads;
    this.timeline = timeline;
  }

  void scheduled(HistoryEvent e, String time) {
    var a = e.getActivityTaskScheduledEventAttributes();
    long id = e.getEventId();
    String name = a.getActivityType().getName();
    JsonNode input = payloads.decode(a.hasInput() ? a.getInput() : null);
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

  void started(HistoryEvent e) {
    var a = e.getActivityTaskStartedEventAttributes();
    attempts.put(a.getScheduledEventId(), a.getAttempt());
    if (a.hasLastFailure()) {
      lastFailures.put(a.getScheduledEventId(), payloads.failure(a.getLastFailure()));
    }
  }

  void completed(HistoryEvent e, String time) {
    var a = e.getActivityTaskCompletedEventAttributes();
    long scheduled = a.getScheduledEventId();
    String name = nameOf(scheduled);
    JsonNode out = payloads.decode(a.hasResult() ? a.getResult() : null);
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
            e.getEventId(),
            time,
            "activityCompleted",
            name,
            ActivitySummaries.summarize(name, out),
            out));
  }

  void failed(HistoryEvent e, String time) {
    var a = e.getActivityTaskFailedEventAttributes();
    String name = nameOf(a.getScheduledEventId());
    String message = payloads.failure(a.getFailure());
    trouble(a.getScheduledEventId(), name, "failed", message, time);
    timeline.add(
        new Entry(
            e.getEventId(), time, "activityFailed", name, name + " failed: " + message, null));
  }

  void timedOut(HistoryEvent e, String time) {
    var a = e.getActivityTaskTimedOutEventAttributes();
    String name = nameOf(a.getScheduledEventId());
    String message = payloads.failure(a.getFailure());
    trouble(a.getScheduledEventId(), name, "timedOut", message, time);
    timeline.add(
        new Entry(
            e.getEventId(), time, "activityTimedOut", name, name + " timed out: " + message, null));
  }

  void canceled(HistoryEvent e, String time) {
    var a = e.getActivityTaskCanceledEventAttributes();
    String name = nameOf(a.getScheduledEventId());
    timeline.add(
        new Entry(e.getEventId(), time, "activityCanceled", name, name + " canceled", null));
  }

  private String nameOf(long scheduledId) {
    return activityTypes.getOrDefault(scheduledId, "activity");
  }

  /** An activity that needed more than one attempt, or did not complete. */
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
}
