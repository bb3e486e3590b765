package io.bluegreen.starter;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.LiveCollectionChanges;

/**
 * Blue's changes after the final pass ({@code liveChanges} in the status) for `status` and `watch`:
 * one line of totals, then per collection what was carried, reported or left as a conflict, and the
 * latest documents named.
 */
final class LiveChangesView {
  /** Documents named per collection on screen; the status keeps up to 100. */
  static final int NAMED_SHOWN = 5;

  private LiveChangesView() {}

  /** The totals on one line, or "" before LIVE. */
  static String summary(DeploymentStatus s) {
    LiveChanges l = s.liveChanges();
    if (l == null) {
      return "";
    }
    long carried = 0;
    long reported = 0;
    long conflicts = 0;
    long waiting = 0;
    for (LiveCollectionChanges c : l.collections()) {
      carried += c.carried();
      reported += c.reported();
      conflicts += c.conflicts();
      waiting += c.waiting();
    }
    return "Blue's changes since the final pass ("
        + l.mode()
        + ", every "
        + l.interval()
        + "): "
        + (l.mode().equals("report") ? reported + " reported" : carried + " carried to Green")
        + ", "
        + conflicts
        + " conflicts"
        + (waiting > 0 ? ", " + waiting + " waiting" : "")
        + "; "
        + l.passes()
        + " passes"
        + (l.lastPass() == null ? "" : ", last " + l.lastPass());
  }

  /** The section of `status` and `watch`. */
  static String lines(DeploymentStatus s) {
    LiveChanges l = s.liveChanges();
    if (l == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("  ").append(summary(s)).append('\n');
    if (l.note() != null) {
      sb.append("    note: ").append(l.note()).append('\n');
    }
    if (l.collections().isEmpty()) {
      return sb.toString();
    }
    TextTable t =
        new TextTable(
                "collection", "inserted", "updated", "deleted", "reported", "conflicts", "waiting")
            .right(1, 2, 3, 4, 5, 6);
    for (LiveCollectionChanges c : l.collections()) {
      t.row(
          c.collection(),
          c.inserted(),
          c.updated(),
          c.deleted(),
          c.reported(),
          c.conflicts(),
          c.waiting());
    }
    sb.append(t.render("    "));
    for (LiveCollectionChanges c : l.collections()) {
      if (c.note() != null) {
        sb.append("    ").append(c.collection()).append(": ").append(c.note()).append('\n');
      }
      int from = Math.max(0, c.changes().size() - NAMED_SHOWN);
      for (LiveChange x : c.changes().subList(from, c.changes().size())) {
        sb.append("    ")
            .append(c.collection())
            .append(" _id ")
            .append(x.id())
            .append(": Blue ")
            .append(x.blueChange())
            .append(", ")
            .append(
                x.outcome().equals(LiveChange.CONFLICT)
                    ? "conflict (Green " + x.greenChange() + ")"
                    : x.outcome())
            .append(x.at() == null ? "" : " at " + x.at())
            .append('\n');
      }
    }
    return sb.toString();
  }
}
