package io.bluegreen.starter.audit;

import io.bluegreen.starter.audit.AuditReport.PhaseSpan;
import io.bluegreen.workflows.model.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Phase changes, in order, and the spans between them. */
final class PhaseSpans {
  private final List<String[]> marks = new ArrayList<>();
  private boolean fromHistory;

  /** A phase the history records (a BlueGreenPhase search-attribute value) at a time. */
  void mark(String phase, String time) {
    fromHistory = true;
    add(phase, time);
  }

  private void add(String phase, String time) {
    if (marks.isEmpty() || !marks.get(marks.size() - 1)[0].equals(phase)) {
      marks.add(new String[] {phase, time});
    }
  }

  /**
   * Without BlueGreenPhase upserts in the history, the workflow's own event trail (its result, or
   * the live status) carries the phase of every event; it keeps only the latest events, so a long
   * deployment may show its later phases only.
   */
  List<PhaseSpan> spans(Optional<DeploymentStatus> status, String closedAt) {
    if (!fromHistory) {
      marks.clear();
      status.ifPresent(
          st -> {
            if (st.events() != null) {
              for (var ev : st.events()) {
                if (ev.phase() != null) {
                  add(ev.phase().name(), ev.time());
                }
              }
            }
          });
    }
    List<PhaseSpan> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      String start = marks.get(i)[1];
      String end = i + 1 < marks.size() ? marks.get(i + 1)[1] : closedAt;
      Double seconds = null;
      if (start != null && end != null) {
        try {
          seconds = Duration.between(Instant.parse(start), Instant.parse(end)).toMillis() / 1000.0;
        } catch (DateTimeParseException ignored) {
          // A time in another format only loses the duration.
        }
      }
      out.add(new PhaseSpan(marks.get(i)[0], start, end, seconds));
    }
    return out;
  }
}
