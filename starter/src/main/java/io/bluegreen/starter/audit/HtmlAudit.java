package io.bluegreen.starter.audit;

import io.bluegreen.starter.Json;
import io.bluegreen.starter.audit.AuditReport.ActivityTrouble;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.bluegreen.starter.audit.AuditReport.PhaseSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * `audit --format html`: one self-contained file (inline CSS and SVG, no script, nothing fetched)
 * that can be attached to a change record and opened anywhere. Its picture is the phases on a time
 * axis, with the operator decisions marked where they arrived.
 */
final class HtmlAudit {
  static final int WIDTH = 960;
  private static final int LEFT = 150;
  private static final int ROW = 22;

  private HtmlAudit() {}

  static String render(AuditReport r) {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Deployment audit: ")
        .append(esc(r.workflowId()))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
        .append("th{background:#f3f3f3}.no{color:#b00;font-weight:bold}code{font-size:90%}")
        .append("pre{background:#f6f6f6;padding:1em;overflow:auto}\n</style></head><body>\n");
    h.append("<h1>Deployment audit: ").append(esc(r.workflowId())).append("</h1>\n<table>\n");
    for (String[] row : MarkdownAudit.header(r)) {
      h.append("<tr><th>")
          .append(esc(row[0]))
          .append("</th><td>")
          .append(esc(row[1]))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Phases</h2>\n").append(timeline(r));

    h.append("<h2>Operator decisions</h2>\n");
    if (r.operatorActions().isEmpty()) {
      h.append("<p>No operator signals or updates were sent.</p>\n");
    } else {
      h.append(
          "<table><tr><th>time</th><th>decision</th><th>via</th><th>by</th><th>reason</th><th>outcome</th></tr>\n");
      for (OperatorAction a : r.operatorActions()) {
        String outcome = MarkdownAudit.decisionOutcome(a);
        h.append("<tr><td>")
            .append(esc(a.time()))
            .append("</td><td>")
            .append(esc(a.signal()))
            .append("</td><td>")
            .append(esc(a.via()))
            .append("</td><td>")
            .append(esc(a.by()))
            .append("</td><td>")
            .append(esc(a.reason()))
            .append("</td><td")
            .append(Boolean.FALSE.equals(a.accepted()) ? " class=\"no\"" : "")
            .append(">")
            .append(esc(outcome))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Collections</h2>\n");
    if (r.collections().isEmpty()) {
      h.append("<p>No collection was copied.</p>\n");
    } else {
      h.append(
              "<table><tr><th>collection</th><th>copied</th><th>Blue documents</th><th>Green documents</th>")
          .append("<th>Blue digest</th><th>Green digest</th><th>match</th></tr>\n");
      for (CollectionAudit c : r.collections()) {
        h.append("<tr><td>")
            .append(esc(c.name()))
            .append("</td><td>")
            .append(esc(MarkdownAudit.n(c.copiedDocuments())))
            .append("</td><td>")
            .append(esc(MarkdownAudit.n(c.blueDocuments())))
            .append("</td><td>")
            .append(esc(MarkdownAudit.n(c.greenDocuments())))
            .append("</td><td><code>")
            .append(esc(MarkdownAudit.n(c.blueDigest())))
            .append("</code></td><td><code>")
            .append(esc(MarkdownAudit.n(c.greenDigest())))
            .append("</code></td>")
            .append(
                c.match() == null
                    ? "<td>not verified</td>"
                    : c.match() ? "<td>yes</td>" : "<td class=\"no\">no</td>")
            .append("</tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Switches and traffic</h2>\n");
    List<String[]> changes = MarkdownAudit.changes(r);
    if (changes.isEmpty()) {
      h.append("<p>No switch or traffic key was changed.</p>\n");
    } else {
      h.append("<table><tr><th>time</th><th>change</th></tr>\n");
      for (String[] c : changes) {
        h.append("<tr><td>")
            .append(esc(c[0]))
            .append("</td><td>")
            .append(esc(c[1]))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append(LiveChangesAudit.html(r));
    h.append("<h2>Retries and failures</h2>\n");
    if (r.retries().isEmpty()) {
      h.append("<p>Every activity succeeded on its first attempt.</p>\n");
    } else {
      h.append(
          "<table><tr><th>time</th><th>activity</th><th>attempts</th><th>outcome</th><th>last failure</th></tr>\n");
      for (ActivityTrouble t : r.retries()) {
        h.append("<tr><td>")
            .append(esc(t.time()))
            .append("</td><td>")
            .append(esc(t.activity()))
            .append(t.subject() == null ? "" : " (" + esc(t.subject()) + ")")
            .append("</td><td>")
            .append(t.attempts())
            .append("</td><td>")
            .append(esc(t.outcome()))
            .append("</td><td>")
            .append(esc(t.lastFailure()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append(
        "<h2>Timeline</h2>\n<table><tr><th>#</th><th>time</th><th>event</th><th>detail</th></tr>\n");
    for (Entry e : r.timeline()) {
      h.append("<tr><td>")
          .append(e.eventId())
          .append("</td><td>")
          .append(esc(e.time()))
          .append("</td><td>")
          .append(esc(e.kind()))
          .append("</td><td>")
          .append(esc(e.summary()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (r.request() != null) {
      h.append("<h2>Request</h2>\n<pre>").append(esc(Json.pretty(r.request()))).append("</pre>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /**
   * One bar per phase on a shared time axis (at least 2 px, so an instant phase is still seen), and
   * a tick per operator decision. Without phase information the picture says so instead.
   */
  static String timeline(AuditReport r) {
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
          .append(esc(p.phase()))
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
              esc(
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
            .append(esc(a.signal() + " by " + a.by() + ": " + MarkdownAudit.decisionOutcome(a)))
            .append("</title></line>\n");
      }
    }
    s.append("<text x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(axis + 16)
        .append("\">")
        .append(esc(start.toString()))
        .append("</text><text x=\"")
        .append(WIDTH - 20)
        .append("\" y=\"")
        .append(axis + 16)
        .append("\" text-anchor=\"end\">")
        .append(esc(end.toString()))
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

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
