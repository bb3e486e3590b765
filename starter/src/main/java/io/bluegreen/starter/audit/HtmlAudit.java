package io.bluegreen.starter.audit;

import io.bluegreen.starter.Json;
import io.bluegreen.starter.audit.AuditReport.ActivityTrouble;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import java.util.List;

/**
 * `audit --format html`: one self-contained file (inline CSS and SVG, no script, nothing fetched)
 * that can be attached to a change record and opened anywhere. Its picture is the phases on a time
 * axis, with the operator decisions marked where they arrived.
 */
final class HtmlAudit {
  static final int WIDTH = HtmlPhaseChart.WIDTH;

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
    h.append("</table>\n<h2>Phases</h2>\n").append(HtmlPhaseChart.render(r));

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
    BlueJobsSection.html(r, h);

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
