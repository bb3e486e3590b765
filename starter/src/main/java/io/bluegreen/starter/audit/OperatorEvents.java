package io.bluegreen.starter.audit;

import static io.bluegreen.starter.audit.ActivityResults.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's decisions as one history shows them: signals, and updates with the workflow's
 * answer in their completion. Whether a signal was accepted is not in its event: {@link
 * OperatorDecisions} matches the decisions collected here to the workflow's own records.
 */
final class OperatorEvents {
  private final EventPayloads payloads;
  private final List<Entry> timeline;
  final List<OperatorDecisions.Sent> decisions = new ArrayList<>();
  private final Map<String, OperatorDecisions.Sent> updates = new HashMap<>();

  /** Adds its entries to {@code timeline}, shared with the reader's other events. */
  OperatorEvents(EventPayloads payloads, List<Entry> timeline) {
    this.payloads = payloads;
    this.timeline = timeline;
  }

  void signaled(HistoryEvent e, String time) {
    var a = e.getWorkflowExecutionSignaledEventAttributes();
    JsonNode arg = payloads.decode(a.hasInput() ? a.getInput() : null);
    decisions.add(new OperatorDecisions.Sent(a.getSignalName(), arg, time, "signal"));
    timeline.add(
        new Entry(
            e.getEventId(),
            time,
            "signalReceived",
            a.getSignalName(),
            a.getSignalName() + " by " + text(arg, "by") + ": " + text(arg, "reason"),
            arg));
  }

  void updateAccepted(HistoryEvent e, String time) {
    var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
    var input = a.getAcceptedRequest().getInput();
    JsonNode arg = payloads.decode(input.hasArgs() ? input.getArgs() : null);
    var sent = new OperatorDecisions.Sent(input.getName(), arg, time, "update");
    decisions.add(sent);
    updates.put(a.getAcceptedRequest().getMeta().getUpdateId(), sent);
    timeline.add(
        new Entry(
            e.getEventId(),
            time,
            "updateAccepted",
            input.getName(),
            input.getName() + " by " + text(arg, "by") + ": " + text(arg, "reason"),
            arg));
  }

  void updateCompleted(HistoryEvent e, String time) {
    long id = e.getEventId();
    var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
    var sent = updates.get(a.getMeta().getUpdateId());
    String name = sent == null ? "update" : sent.name;
    if (a.getOutcome().hasSuccess()) {
      // DecisionResult {accepted, phase, note}: accepted:false is the workflow refusing it in
      // its phase.
      JsonNode answer = payloads.decode(a.getOutcome().getSuccess());
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
      String message = payloads.failure(a.getOutcome().getFailure());
      if (sent != null) {
        sent.accepted = false;
        sent.note = message;
      }
      timeline.add(new Entry(id, time, "updateFailed", name, name + " failed: " + message, null));
    }
  }
}
