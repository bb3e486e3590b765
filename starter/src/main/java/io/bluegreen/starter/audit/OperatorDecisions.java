package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.SignalRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator decisions of a history. A signal's history event does not say whether the workflow
 * accepted it: that comes from the workflow's own records (its result or live status). An update
 * carries the workflow's answer in its completion event ({@code DecisionResult {accepted, phase,
 * note}}), so it needs no records; its record is still consumed, so that it is not shown a second
 * time as a decision the workflow took by itself.
 */
final class OperatorDecisions {
  /**
   * One decision as the history shows it; {@code accepted}/{@code note} are set for updates only.
   */
  static final class Sent {
    final String name;
    final JsonNode args;
    final String time;
    final String via;
    Boolean accepted;
    String note;

    Sent(String name, JsonNode args, String time, String via) {
      this.name = name;
      this.args = args;
      this.time = time;
      this.via = via;
    }
  }

  private OperatorDecisions() {}

  static List<OperatorAction> match(
      List<Sent> sent, Optional<DeploymentStatus> status, boolean closed) {
    List<SignalRecord> records = new ArrayList<>();
    status.ifPresent(
        s -> {
          if (s.approvals() != null) {
            records.addAll(s.approvals());
          }
          if (s.rejections() != null) {
            records.addAll(s.rejections());
          }
        });
    // The workflow handles decisions in the order they arrive, so its records in time order line
    // up with the history's events; the list a record sits in (approvals or rejections) says
    // nothing about that order.
    records.sort(Comparator.comparing(r -> r.time() == null ? "" : r.time()));
    Set<SignalRecord> used = Collections.newSetFromMap(new IdentityHashMap<>());
    List<OperatorAction> out = new ArrayList<>();
    for (Sent s : sent) {
      String by = ActivityResults.text(s.args, "by");
      String reason = ActivityResults.text(s.args, "reason");
      SignalRecord match = null;
      for (SignalRecord r : records) {
        if (!used.contains(r)
            && s.name.equalsIgnoreCase(String.valueOf(r.signal()))
            && by.equals(String.valueOf(r.by()))
            && reason.equals(String.valueOf(r.reason()))) {
          match = r;
          break;
        }
      }
      if (match != null) {
        used.add(match);
      }
      Boolean accepted;
      String note;
      if (s.via.equals("update") && (s.accepted != null || s.note != null)) {
        accepted = s.accepted;
        note = s.note;
      } else if (match != null) {
        accepted = match.accepted();
        note = match.note();
      } else if (s.via.equals("update")) {
        accepted = null;
        note = "the workflow has not answered this update yet";
      } else {
        accepted = null;
        note =
            status.isPresent()
                ? "not recorded by the workflow"
                : closed
                    ? "the run closed without a result, so its answer to this signal is not in the history"
                    : "not known until the workflow closes";
      }
      out.add(new OperatorAction(s.name, by, reason, s.time, accepted, note, s.via));
    }
    // Decisions the workflow took itself (a rollback by the health gate) have no signal or update
    // event; they are records nothing matched, and an auditor must see them beside the operators'.
    for (SignalRecord r : records) {
      if (!used.contains(r) && r.accepted()) {
        out.add(
            new OperatorAction(
                r.signal(),
                r.by(),
                r.reason(),
                r.time(),
                true,
                "taken automatically by the workflow",
                "workflow"));
      }
    }
    out.sort(Comparator.comparing(a -> a.time() == null ? "" : a.time()));
    return out;
  }
}
