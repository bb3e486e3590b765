package io.bluegreen.starter.audit;

import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.bluegreen.starter.audit.AuditReport.PhaseSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** The HTML audit's picture: the phases on a time axis, the operator decisions marked on it. */
final class HtmlPhaseChart {
  static final int WIDTH = 960;
  private static final int LEFT = 150;
  private static final int ROW = 22;

  private HtmlPhaseChart() {}

  /**
   * One bar per phase on a shared time axis (at least 2 px, so an instant phase is still seen), and
   * a tick per operator decision. Without phase information the picture says so instead.
   */
  static String render(AuditReport r) {
    List<PhaseSpan> phases = r.phases();
    Instant start = phases.isEmpty() ? null : instant(phases.get(0).startedAt());
    Instant end =
        phases.isEmpty()
            ? null
            : instant(
                firstNonNull(
                    phases.get(phases.size() - 1).endedAt(),
                    r.closedAt(),
                    phases.get(phases.size() - 1).startedAt()));
    if (start == null || end == null) {
      return "<p>No phase information in the history.</p>\n";
    }
    double total = Math.max(1, Duration.between(start, end).toMillis());
    int plot = WIDTH - LEFT - 20;
    int height = (phases.size() + 1) * ROW + 20;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append(
            "\" role=\"img\" aria-label=\"phases over time\" font-family=\"sans-serif\" font-size=\"12\">\n");
    for (int i = 0; i < phases.size(); i++) {
      PhaseSpan p = phases.get(i);
      Instant from = instant(p.startedAt());
      Instant to = instant(firstNonNull(p.endedAt(), r.closedAt(), p.startedAt()));
      double x = LEFT + plot * offset(start, from, total);
      double w = Math.max(2, plot * offset(from, to, total));
      int y = i * ROW + 4;
      s.append("<g class=\"phase\"><text x=\"4\" y=\"")
          .append(y + 14)
          .append("\">")
          .append(HtmlAudit.esc(p.phase()))
          .append("</text><rect x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"")
          .append(ROW - 6)
          .append("\" fill=\"")
          .append(colour(p.phase()))
          .append("\"><title>")
          .append(
              HtmlAudit.esc(
                  p.phase()
                      + ": "
                      + p.startedAt()
                      + " to "
                      + MarkdownAudit.n(p.endedAt())
                      + (p.seconds() == null
                          ? ""
                          : " (" + MarkdownAudit.seconds(p.seconds()) + ")")))
          .append("</title></rect></g>\n");
    }
    int axis = phases.size() * ROW + 8;
    for (OperatorAction a : r.operatorActions()) {
      Instant at = instant(a.time());
      if (at != null) {
        double x = LEFT + plot * Math.min(1, Math.max(0, offset(start, at, total)));
        s.append("<line class=\"decision\" x1=\"")
            .append(fmt(x))
            .append("\" x2=\"")
            .append(fmt(x))
            .append("\" y1=\"0\" y2=\"")
            .append(axis)
            .append("\" stroke=\"")
            .append(Boolean.FALSE.equals(a.accepted()) ? "#b00" : "#333")
            .append("\" stroke-dasharray=\"3,2\"><title>")
            .append(
                HtmlAudit.esc(
                    a.signal() + " by " + a.by() + ": " + MarkdownAudit.decisionOutcome(a)))
            .append("</title></line>\n");
      }
    }
    s.append("<text x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(axis + 16)
        .append("\">")
        .append(HtmlAudit.esc(start.toString()))
        .append("</text><text x=\"")
        .append(WIDTH - 20)
        .append("\" y=\"")
        .append(axis + 16)
        .append("\" text-anchor=\"end\">")
        .append(HtmlAudit.esc(end.toString()))
        .append("</text>\n</svg>\n");
    return s.toString();
  }

  private static double offset(Instant from, Instant to, double total) {
    return from == null || to == null
        ? 0
        : Math.max(0, Duration.between(from, to).toMillis()) / total;
  }

  private static String colour(String phase) {
    return switch (phase) {
      case "PREFLIGHT", "PROVISIONING" -> "#9e9e9e";
      case "COPYING", "VERIFYING" -> "#5c8dd6";
      case "AWAITING_APPROVAL" -> "#e0b040";
      case "CUTTING_OVER", "LIVE", "COMPLETED" -> "#3c9d5d";
      case "ROLLING_BACK", "ROLLED_BACK" -> "#2f5fb3";
      case "ABORTED", "FAILED" -> "#c0392b";
      default -> "#8e6fb5";
    };
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
