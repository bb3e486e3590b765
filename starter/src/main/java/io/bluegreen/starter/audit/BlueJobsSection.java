package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.BlueJobsAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit's "Blue's jobs at the cutover": read from the results of WaitForDrain (the jobs left
 * neither complete nor canceled, by status) and CancelBlueJobs (what was cancelled through Blue's
 * Itential API), and rendered for the Markdown and HTML audits.
 */
final class BlueJobsSection {
  static final Set<String> ACTIVITIES = Set.of("WaitForDrain", "CancelBlueJobs");

  private BlueJobsSection() {}

  /** The entry of one completed activity; empty for a drain result from before jobs were listed. */
  static Optional<BlueJobsAudit> read(String time, String activity, JsonNode out) {
    if (activity.equals("CancelBlueJobs")) {
      return Optional.of(
          new BlueJobsAudit(
              time,
              activity,
              null,
              null,
              strings(out.path("ids")),
              out.path("cancelled").asLong(),
              out.path("calls").asInt(),
              strings(out.path("failures"))));
    }
    JsonNode jobs = out.path("jobs");
    if (!jobs.isObject()) {
      return Optional.empty();
    }
    Map<String, Long> byStatus = new LinkedHashMap<>();
    jobs.path("byStatus")
        .fields()
        .forEachRemaining(e -> byStatus.put(e.getKey(), e.getValue().asLong()));
    List<String> ids = new ArrayList<>();
    for (JsonNode job : jobs.path("jobs")) {
      ids.add(job.path("id").asText() + " (" + job.path("status").asText() + ")");
    }
    return Optional.of(
        new BlueJobsAudit(
            time, activity, jobs.path("total").asLong(), byStatus, ids, null, null, null));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** One line per entry, as {time, text}. */
  static List<String[]> lines(AuditReport r) {
    List<String[]> out = new ArrayList<>();
    if (r.blueJobs() == null) {
      return out;
    }
    for (BlueJobsAudit j : r.blueJobs()) {
      String text;
      if (j.activity().equals("CancelBlueJobs")) {
        text =
            "cancelled "
                + j.cancelled()
                + " jobs through Blue's Itential API in "
                + j.calls()
                + " calls"
                + (j.ids().isEmpty() ? "" : ": " + String.join(", ", j.ids()))
                + (j.failures().isEmpty()
                    ? ""
                    : "; not cancelled: " + String.join("; ", j.failures()));
      } else if (j.total() == 0) {
        text = "the drain ended with no unfinished job on Blue";
      } else {
        text =
            "the drain ended with "
                + j.total()
                + " unfinished jobs on Blue "
                + j.byStatus()
                + ": "
                + String.join(", ", j.ids())
                + (j.total() > j.ids().size() ? " (first " + j.ids().size() + " listed)" : "");
      }
      out.add(new String[] {j.time(), text});
    }
    return out;
  }

  static void markdown(AuditReport r, StringBuilder md) {
    List<String[]> lines = lines(r);
    if (lines.isEmpty()) {
      return;
    }
    md.append("\n## Blue's jobs at the cutover\n\n| time | jobs |\n|---|---|\n");
    for (String[] l : lines) {
      md.append("| ").append(l[0]).append(" | ").append(MarkdownAudit.cell(l[1])).append(" |\n");
    }
  }

  static void html(AuditReport r, StringBuilder h) {
    List<String[]> lines = lines(r);
    if (lines.isEmpty()) {
      return;
    }
    h.append("<h2>Blue's jobs at the cutover</h2>\n<table><tr><th>time</th><th>jobs</th></tr>\n");
    for (String[] l : lines) {
      h.append("<tr><td>")
          .append(HtmlAudit.esc(l[0]))
          .append("</td><td>")
          .append(HtmlAudit.esc(l[1]))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
