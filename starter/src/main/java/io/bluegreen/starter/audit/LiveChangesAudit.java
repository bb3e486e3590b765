package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit's account of Blue's changes after the final pass: each comparison in the timeline
 * ({@code CatchUpBlue}: collection, {@code _id} and what happened), and a section from the final
 * status's {@code liveChanges} (per collection counts and the documents named).
 */
final class LiveChangesAudit {
  /** Documents named per comparison in one timeline entry; the section names up to 100. */
  static final int NAMED_IN_TIMELINE = 20;

  private LiveChangesAudit() {}

  /** One CatchUpBlue's result, for the timeline. */
  static String timeline(JsonNode out) {
    StringBuilder sb =
        new StringBuilder("Blue compared with the final pass's baseline (")
            .append(out.path("mode").asText())
            .append("): ");
    JsonNode cs = out.path("collections");
    if (cs.isEmpty()) {
      return sb.append("no change").toString();
    }
    int named = 0;
    for (JsonNode c : cs) {
      sb.append(c.path("collection").asText())
          .append(" ")
          .append(counts(c))
          .append(c.hasNonNull("note") ? " (" + c.path("note").asText() + ")" : "");
      for (JsonNode x : c.path("changes")) {
        if (named++ < NAMED_IN_TIMELINE) {
          sb.append("; _id ").append(x.path("id").asText()).append(' ').append(change(x));
        }
      }
      sb.append(". ");
    }
    if (named > NAMED_IN_TIMELINE) {
      sb.append("and ").append(named - NAMED_IN_TIMELINE).append(" more documents");
    }
    return sb.toString().trim();
  }

  private static String counts(JsonNode c) {
    return c.path("inserted").asLong()
        + " inserted, "
        + c.path("updated").asLong()
        + " updated, "
        + c.path("deleted").asLong()
        + " deleted on Green, "
        + c.path("reported").asLong()
        + " reported, "
        + c.path("conflicts").asLong()
        + " conflicts, "
        + c.path("waiting").asLong()
        + " waiting";
  }

  private static String change(JsonNode x) {
    String outcome = x.path("outcome").asText();
    return "Blue "
        + x.path("blueChange").asText()
        + ": "
        + (outcome.equals("conflict")
            ? "conflict, Green " + x.path("greenChange").asText()
            : outcome)
        + (x.hasNonNull("at") ? " at " + x.path("at").asText() : "");
  }

  /** The rows of the section: {collection, counts, named documents}; empty when not LIVE. */
  private static JsonNode live(AuditReport r) {
    return r.result() == null ? null : r.result().get("liveChanges");
  }

  static String markdown(AuditReport r) {
    JsonNode l = live(r);
    if (l == null) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Blue's changes after the final pass\n\n");
    md.append(summary(l)).append("\n\n");
    if (l.path("collections").isEmpty()) {
      return md.toString();
    }
    md.append("| collection | counts | documents |\n|---|---|---|\n");
    for (JsonNode c : l.path("collections")) {
      StringBuilder docs = new StringBuilder();
      for (JsonNode x : c.path("changes")) {
        docs.append(docs.isEmpty() ? "" : "; ")
            .append("_id ")
            .append(x.path("id").asText())
            .append(' ')
            .append(change(x));
      }
      md.append("| ")
          .append(c.path("collection").asText())
          .append(" | ")
          .append(counts(c))
          .append(" | ")
          .append(MarkdownAudit.cell(docs.toString()))
          .append(" |\n");
    }
    return md.toString();
  }

  static String html(AuditReport r) {
    JsonNode l = live(r);
    if (l == null) {
      return "";
    }
    StringBuilder h =
        new StringBuilder("<h2>Blue's changes after the final pass</h2>\n<p>")
            .append(HtmlAudit.esc(summary(l)))
            .append("</p>\n");
    if (l.path("collections").isEmpty()) {
      return h.toString();
    }
    h.append("<table><tr><th>collection</th><th>counts</th><th>documents</th></tr>\n");
    for (JsonNode c : l.path("collections")) {
      h.append("<tr><td>")
          .append(HtmlAudit.esc(c.path("collection").asText()))
          .append("</td><td>")
          .append(HtmlAudit.esc(counts(c)))
          .append("</td><td>");
      for (JsonNode x : c.path("changes")) {
        h.append(HtmlAudit.esc("_id " + x.path("id").asText() + " " + change(x))).append("<br>");
      }
      h.append("</td></tr>\n");
    }
    return h.append("</table>\n").toString();
  }

  private static String summary(JsonNode l) {
    return "Mode "
        + l.path("mode").asText()
        + ", compared every "
        + l.path("interval").asText()
        + ", "
        + l.path("passes").asInt()
        + " comparisons"
        + (l.hasNonNull("lastPass") ? ", the last at " + l.path("lastPass").asText() : "")
        + "."
        + (l.hasNonNull("note") ? " Note: " + l.path("note").asText() : "");
  }
}
