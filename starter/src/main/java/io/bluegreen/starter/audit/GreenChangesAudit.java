package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit's section on what was done on Green since the cutover and what an operator carried back
 * to Blue: from the workflow's result ({@code greenChanges}) once it closed, else from the
 * DiffGreen and CarryBack activities in its history. Ids as the workflow listed them (capped).
 */
final class GreenChangesAudit {
  private GreenChangesAudit() {}

  static void append(StringBuilder md, AuditReport r) {
    JsonNode diff = null;
    List<JsonNode> carried = new ArrayList<>();
    JsonNode fromResult = r.result() == null ? null : r.result().get("greenChanges");
    if (fromResult != null && !fromResult.isNull()) {
      diff = fromResult;
      fromResult.path("carriedBack").forEach(carried::add);
    } else {
      for (Entry e : r.timeline()) {
        if ("activityCompleted".equals(e.kind()) && e.details() != null) {
          if ("DiffGreen".equals(e.name())) {
            diff = e.details();
          } else if ("CarryBack".equals(e.name())) {
            carried.add(e.details());
          }
        }
      }
    }
    if (diff == null && carried.isEmpty()) {
      return;
    }
    md.append("\n## Green's changes since the cutover\n\n");
    if (diff != null) {
      md.append(diff.path("created").asLong())
          .append(" created, ")
          .append(diff.path("changed").asLong())
          .append(" changed, ")
          .append(diff.path("deleted").asLong())
          .append(" deleted");
      if (diff.hasNonNull("computedAt")) {
        md.append(" (compared ").append(diff.path("computedAt").asText()).append(")");
      }
      md.append(".\n\n| collection | created | changed | deleted | ids |\n|---|--:|--:|--:|---|\n");
      for (JsonNode c : diff.path("collections")) {
        long total =
            c.path("created").asLong() + c.path("changed").asLong() + c.path("deleted").asLong();
        if (total == 0 && !c.hasNonNull("note")) {
          continue;
        }
        md.append("| ")
            .append(c.path("collection").asText())
            .append(" | ")
            .append(c.path("created").asLong())
            .append(" | ")
            .append(c.path("changed").asLong())
            .append(" | ")
            .append(c.path("deleted").asLong())
            .append(" | ")
            .append(ids(c, "createdIds", "created"))
            .append(ids(c, "changedIds", "changed"))
            .append(ids(c, "deletedIds", "deleted"))
            .append(c.hasNonNull("note") ? c.path("note").asText() : "")
            .append(" |\n");
      }
    }
    md.append('\n');
    if (carried.isEmpty()) {
      md.append("Nothing was carried back to Blue.\n");
      return;
    }
    for (JsonNode k : carried) {
      md.append("- carried back to Blue")
          .append(k.hasNonNull("by") ? " by " + k.path("by").asText() : "")
          .append(k.hasNonNull("at") ? " at " + k.path("at").asText() : "")
          .append(": ")
          .append(k.path("inserted").asLong())
          .append(" inserted, ")
          .append(k.path("updated").asLong())
          .append(" updated, ")
          .append(k.path("deleted").asLong())
          .append(" deleted, ")
          .append(k.path("conflicts").asLong())
          .append(" conflicts left as they are");
      for (JsonNode c : k.path("collections")) {
        md.append("; ")
            .append(c.path("collection").asText())
            .append(": ")
            .append(ids(c, "insertedIds", "inserted"))
            .append(ids(c, "updatedIds", "updated"))
            .append(ids(c, "deletedIds", "deleted"));
        for (JsonNode x : c.path("conflictSamples")) {
          md.append("conflict ")
              .append(x.path("id").asText())
              .append(" (Blue ")
              .append(x.path("blueChange").asText())
              .append(") ");
        }
      }
      md.append('\n');
    }
  }

  private static String ids(JsonNode c, String field, String what) {
    if (!c.has(field) || c.path(field).isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    c.path(field).forEach(v -> out.add("`" + v.asText() + "`"));
    return what + " " + String.join(" ", out) + " ";
  }
}
