package io.bluegreen.starter;

import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;

/**
 * The upgrade's part of {@code status} and {@code watch}: whether Green may start its new release,
 * the conflicts the last sync found (each named), Blue's config changes, and per collection what
 * the three-way sync carried from Blue and kept of Green's own.
 */
final class UpgradeView {
  private UpgradeView() {}

  /** Header lines: Green may start, conflicts and config changes. Empty when none apply. */
  static String lines(DeploymentStatus s) {
    StringBuilder sb = new StringBuilder();
    if (Boolean.TRUE.equals(s.greenMayStart()) && beforeCutover(s)) {
      sb.append(
          "  upgrade:  Green's baseline is recorded: Green may now be started on its new release"
              + " (its own changes are kept)\n");
    }
    if (s.conflictsTotal() != null && s.conflictsTotal() > 0) {
      sb.append("  CONFLICTS: ")
          .append(s.conflictsTotal())
          .append(
              " documents changed on both Blue and Green; the cutover waits. Settle with resync --policy blue-wins|green-wins"
                  + " (or --collection-policy NAME=POLICY), or abort\n");
      if (s.conflicts() != null) {
        for (SyncConflict c : s.conflicts()) {
          sb.append("    ")
              .append(c.collection())
              .append("  _id ")
              .append(c.id())
              .append("  Blue ")
              .append(c.blueChange())
              .append(", Green ")
              .append(c.greenChange())
              .append('\n');
        }
        if (s.conflictsTotal() > s.conflicts().size()) {
          sb.append("    … and ")
              .append(s.conflictsTotal() - s.conflicts().size())
              .append(" more\n");
        }
      }
    }
    if (s.configChanges() != null && !s.configChanges().isEmpty()) {
      sb.append(
          "  Blue's configuration changed since provisioning (Green's own is kept; apply by hand if it should follow):\n");
      for (ConfigChange c : s.configChanges()) {
        sb.append("    ")
            .append(c.collection())
            .append(" '")
            .append(c.name())
            .append("' ")
            .append(c.change())
            .append('\n');
      }
    }
    return sb.toString();
  }

  /** Green may be started (on its new release) between its baseline and the cutover. */
  static boolean beforeCutover(DeploymentStatus s) {
    return s.phase() == Phase.VERIFYING || s.phase() == Phase.AWAITING_APPROVAL;
  }

  /**
   * Per collection, after a sync pass: carried from Blue, Green's own kept, conflicts. Empty before
   * any.
   */
  static String syncTable(DeploymentStatus s) {
    if (s.collections() == null
        || s.collections().stream().noneMatch(c -> c.carriedInserted() != null)) {
      return "";
    }
    TextTable t =
        new TextTable(
                "synced", "inserted", "updated", "deleted", "Green's own kept", "conflicts", "note")
            .right(1, 2, 3, 4, 5);
    for (CollectionProgress c : s.collections()) {
      if (c.carriedInserted() == null) {
        continue;
      }
      t.row(
          c.name(),
          n(c.carriedInserted()),
          n(c.carriedUpdated()),
          n(c.carriedDeleted()),
          n(c.greenKept()),
          n(c.conflicts()),
          c.note() == null ? "" : c.note());
    }
    return "\n  carried from Blue by the three-way sync:\n" + t.render("  ");
  }

  private static String n(Long v) {
    return v == null ? "0" : String.format("%,d", v);
  }
}
