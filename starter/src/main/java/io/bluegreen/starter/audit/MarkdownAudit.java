package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.PlanView;
import io.bluegreen.starter.audit.AuditReport.ActivityTrouble;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.Entry;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.bluegreen.starter.audit.AuditReport.PhaseSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** `audit --format md`: the report as Markdown, one section per question an auditor asks. */
final class MarkdownAudit {
  private MarkdownAudit() {}

  static String render(AuditReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Deployment audit: ").append(r.workflowId()).append("\n\n");
    md.append("| | |\n|---|---|\n");
    for (String[] row : header(r)) {
      row(md, row[0], row[1]);
    }

    md.append("\n## Operator decisions\n\n");
    if (r.operatorActions().isEmpty()) {
      md.append("No operator signals or updates were sent.\n");
    } else {
      md.append("| time | decision | by | reason | outcome |\n|---|---|---|---|---|\n");
      for (OperatorAction a : r.operatorActions()) {
        md.append("| ")
            .append(a.time())
            .append(" | ")
            .append(a.signal())
            .append(a.via() == null || a.via().equals("workflow") ? "" : " (" + a.via() + ")")
            .append(" | ")
            .append(cell(a.by()))
            .append(" | ")
            .append(cell(a.reason()))
            .append(" | ")
            .append(cell(decisionOutcome(a)))
            .append(" |\n");
      }
    }

    md.append("\n## Collections\n\n");
    if (r.collections().isEmpty()) {
      md.append("No collection was copied.\n");
    } else {
      md.append(
              "| collection | copied | Blue documents | Green documents | Blue digest | Green digest | match |\n")
          .append("|---|--:|--:|--:|---|---|---|\n");
      for (CollectionAudit c : r.collections()) {
        md.append("| ")
            .append(c.name())
            .append(" | ")
            .append(n(c.copiedDocuments()))
            .append(" | ")
            .append(n(c.blueDocuments()))
            .append(" | ")
            .append(n(c.greenDocuments()))
            .append(" | `")
            .append(n(c.blueDigest()))
            .append("` | `")
            .append(n(c.greenDigest()))
            .append("` | ")
            .append(c.match() == null ? "not verified" : c.match() ? "yes" : "**no**")
            .append(" |\n");
      }
    }

    md.append("\n## Phases\n\n");
    if (r.phases().isEmpty()) {
      md.append(
          "No phase information in the history (the workflow's result or status is needed).\n");
    } else {
      md.append("| phase | started | ended | duration |\n|---|---|---|--:|\n");
      for (PhaseSpan p : r.phases()) {
        md.append("| ")
            .append(p.phase())
            .append(" | ")
            .append(n(p.startedAt()))
            .append(" | ")
            .append(p.endedAt() == null ? "in progress" : p.endedAt())
            .append(" | ")
            .append(p.seconds() == null ? "" : seconds(p.seconds()))
            .append(" |\n");
      }
    }

    md.append("\n## Switches and traffic\n\n");
    List<String[]> changes = changes(r);
    if (changes.isEmpty()) {
      md.append("No switch or traffic key was changed.\n");
    } else {
      md.append("| time | change |\n|---|---|\n");
      for (String[] c : changes) {
        md.append("| ").append(c[0]).append(" | ").append(cell(c[1])).append(" |\n");
      }
    }

    md.append(LiveChangesAudit.markdown(r));
    BlueJobsSection.markdown(r, md);
    GreenChangesAudit.append(md, r);

    md.append("\n## Retries and failures\n\n");
    if (r.retries().isEmpty()) {
      md.append("Every activity succeeded on its first attempt.\n");
    } else {
      md.append("| time | activity | attempts | outcome | last failure |\n|---|---|--:|---|---|\n");
      for (ActivityTrouble t : r.retries()) {
        md.append("| ")
            .append(t.time())
            .append(" | ")
            .append(t.activity())
            .append(t.subject() == null ? "" : " (" + cell(t.subject()) + ")")
            .append(" | ")
            .append(t.attempts())
            .append(" | ")
            .append(t.outcome())
            .append(" | ")
            .append(cell(n(t.lastFailure())))
            .append(" |\n");
      }
    }

    md.append("\n## Timeline\n\n| # | time | event | detail |\n|--:|---|---|---|\n");
    for (Entry e : r.timeline()) {
      md.append("| ")
          .append(e.eventId())
          .append(" | ")
          .append(e.time())
          .append(" | ")
          .append(e.kind())
          .append(" | ")
          .append(cell(e.summary()))
          .append(" |\n");
    }
    if (r.request() != null) {
      md.append("\n## Request\n\n```json\n").append(Json.pretty(r.request())).append("\n```\n");
    }
    return md.toString();
  }

  /** The summary rows every format shows first. */
  static List<String[]> header(AuditReport r) {
    List<String[]> rows = new ArrayList<>();
    JsonNode req = r.request();
    rows.add(new String[] {"Workflow", r.workflowId() + " (run " + r.runId() + ")"});
    rows.add(new String[] {"Type", n(r.workflowType())});
    rows.add(
        new String[] {"Deployment", req == null ? "" : ActivityResults.text(req, "deployment")});
    rows.add(new String[] {"Blue", platform(req == null ? null : req.get("blue"))});
    rows.add(new String[] {"Green", platform(req == null ? null : req.get("green"))});
    JsonNode result = r.result();
    if (result != null && (result.hasNonNull("blueRelease") || result.hasNonNull("greenRelease"))) {
      rows.add(
          new String[] {
            "Releases",
            "Blue "
                + (result.hasNonNull("blueRelease")
                    ? result.get("blueRelease").asText()
                    : "unknown")
                + ", Green "
                + (result.hasNonNull("greenRelease")
                    ? result.get("greenRelease").asText()
                    : "unknown")
          });
    }
    rows.add(
        new String[] {
          "Outcome",
          r.outcome()
              + (r.result() != null && r.result().hasNonNull("phase")
                  ? " (phase " + r.result().get("phase").asText() + ")"
                  : "")
        });
    rows.add(new String[] {"Started", n(r.startedAt())});
    rows.add(new String[] {"Closed", r.closedAt() == null ? "still running" : r.closedAt()});
    if (r.failure() != null) {
      rows.add(new String[] {"Failure", r.failure()});
    }
    if (r.result() != null && r.result().hasNonNull("error")) {
      rows.add(new String[] {"Error", r.result().get("error").asText()});
    }
    JsonNode restore = r.result() == null ? null : r.result().get("restore");
    if (restore != null && restore.isObject()) {
      // Since issue 10 the result reports the last restore of Blue.
      rows.add(
          new String[] {
            "Restore of Blue",
            ActivityResults.text(restore, "reason")
                + (restore.path("blueServing").asBoolean()
                    ? "; Blue serving again at " + ActivityResults.text(restore, "blueServingAt")
                    : "; Blue NOT confirmed serving")
                + (restore.path("failedSteps").isArray() && !restore.get("failedSteps").isEmpty()
                    ? "; failed steps: " + Json.compact(restore.get("failedSteps"))
                    : "")
                + (restore.hasNonNull("greenOff")
                    ? "; Green off: " + restore.get("greenOff").asBoolean()
                    : "")
                + (restore.hasNonNull("note") ? "; " + restore.get("note").asText() : "")
          });
    }
    return rows;
  }

  static String decisionOutcome(OperatorAction a) {
    return a.accepted() == null
        ? "unknown (" + a.note() + ")"
        : a.accepted()
            ? "accepted" + (a.note() == null || a.note().isEmpty() ? "" : " (" + a.note() + ")")
            : "rejected" + (a.note() == null ? "" : ": " + a.note());
  }

  /** Switch and traffic changes in time order, as {time, text}. */
  static List<String[]> changes(AuditReport r) {
    List<String[]> changes = new ArrayList<>();
    for (var c : r.switchChanges()) {
      changes.add(
          new String[] {
            c.time(),
            c.colour()
                + " "
                + c.switchName()
                + ": "
                + (c.previous() == null ? "unset" : c.previous())
                + " -> "
                + c.on()
          });
    }
    for (var c : r.trafficChanges()) {
      changes.add(
          new String[] {
            c.time(),
            "traffic"
                + (c.key() == null ? "" : " key " + c.key())
                + ": "
                + (c.previous() == null ? "unset" : c.previous())
                + " -> "
                + c.colour()
          });
    }
    changes.sort(Comparator.comparing(c -> c[0]));
    return changes;
  }

  static String seconds(double s) {
    return s < 60
        ? String.format("%.1fs", s)
        : PlanView.duration(Duration.ofMillis((long) (s * 1000)));
  }

  private static String platform(JsonNode p) {
    if (p == null) {
      return "";
    }
    return "database `"
        + ActivityResults.text(p, "database")
        + "` on "
        + ActivityResults.text(p, "mongo")
        + ", Redis db "
        + ActivityResults.text(p, "redisDb")
        + " on "
        + ActivityResults.text(p, "redis")
        + ", profile `"
        + ActivityResults.text(p, "profile")
        + "`";
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
  }

  static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  static String n(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
