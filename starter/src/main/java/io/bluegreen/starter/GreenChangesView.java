package io.bluegreen.starter;

import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CarryBackReport;
import io.bluegreen.workflows.model.GreenChanges;
import java.util.List;

/** The text of {@code ./bluegreen diff}: Green's changes since the cutover, and the carry-backs. */
public final class GreenChangesView {
  private GreenChangesView() {}

  public static String render(GreenChanges g) {
    StringBuilder out = new StringBuilder();
    if (g.created() == null) {
      out.append("Green's changes since the cutover: not compared");
    } else {
      out.append("Green's changes since the cutover (compared ")
          .append(g.computedAt())
          .append(" in ")
          .append(g.phase())
          .append("): ")
          .append(g.created())
          .append(" created, ")
          .append(g.changed())
          .append(" changed, ")
          .append(g.deleted())
          .append(" deleted");
    }
    out.append('\n');
    if (g.note() != null) {
      out.append("  note: ").append(g.note()).append('\n');
    }
    for (GreenCollectionChanges c :
        g.collections() == null ? List.<GreenCollectionChanges>of() : g.collections()) {
      out.append("  ")
          .append(c.collection())
          .append(": ")
          .append(c.created())
          .append(" created, ")
          .append(c.changed())
          .append(" changed, ")
          .append(c.deleted())
          .append(" deleted")
          .append(c.note() == null ? "" : " (" + c.note() + ")")
          .append('\n');
      ids(out, "created", c.created(), c.createdIds());
      ids(out, "changed", c.changed(), c.changedIds());
      ids(out, "deleted", c.deleted(), c.deletedIds());
    }
    if (g.carriedBack() == null || g.carriedBack().isEmpty()) {
      out.append("Carried back to Blue: nothing (only ./bluegreen carry-back does)\n");
      return out.toString();
    }
    for (CarryBackReport r : g.carriedBack()) {
      out.append("Carried back to Blue by ")
          .append(r.by())
          .append(" at ")
          .append(r.at())
          .append(" (")
          .append(String.join(", ", r.requested()))
          .append("): ")
          .append(r.inserted())
          .append(" inserted, ")
          .append(r.updated())
          .append(" updated, ")
          .append(r.deleted())
          .append(" deleted, ")
          .append(r.conflicts())
          .append(" conflicts left as they are")
          .append(r.note() == null ? "" : " — " + r.note())
          .append('\n');
      for (CarriedBack c : r.collections() == null ? List.<CarriedBack>of() : r.collections()) {
        ids(out, c.collection() + " inserted", c.inserted(), c.insertedIds());
        ids(out, c.collection() + " updated", c.updated(), c.updatedIds());
        ids(out, c.collection() + " deleted", c.deleted(), c.deletedIds());
        for (SyncConflict k :
            c.conflictSamples() == null ? List.<SyncConflict>of() : c.conflictSamples()) {
          out.append("    conflict ")
              .append(k.id())
              .append(": Green ")
              .append(k.greenChange())
              .append(", Blue ")
              .append(k.blueChange())
              .append('\n');
        }
      }
    }
    return out.toString();
  }

  /** One line for {@code status}: Green's changes since the cutover, if compared; else empty. */
  public static String summary(GreenChanges g, String id) {
    if (g == null) {
      return "";
    }
    String carried =
        g.carriedBack() == null || g.carriedBack().isEmpty()
            ? "nothing carried back"
            : g.carriedBack().size() + " carry-back(s) to Blue";
    String counts =
        g.created() == null
            ? "not compared" + (g.note() == null ? "" : " (" + g.note() + ")")
            : g.created() + " created, " + g.changed() + " changed, " + g.deleted() + " deleted";
    return "  Green since the cutover: "
        + counts
        + "; "
        + carried
        + " (./bluegreen diff "
        + id
        + ")\n";
  }

  private static void ids(StringBuilder out, String what, long count, List<String> ids) {
    if (count == 0 || ids == null || ids.isEmpty()) {
      return;
    }
    out.append("    ").append(what).append(": ").append(String.join(" ", ids));
    if (count > ids.size()) {
      out.append(" … and ").append(count - ids.size()).append(" more");
    }
    out.append('\n');
  }
}
