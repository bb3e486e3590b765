package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.SyncPass;

/**
 * What a three-way sync pass did, told as the deployment's events: per collection (created or
 * dropped on Blue, notes), the pass's totals, the conflicts listed, and Blue's configuration
 * changes Green keeps its own of.
 */
final class SyncPassEvents {
  private SyncPassEvents() {}

  static void tell(DeploymentState state, SyncPass pass, SyncResult r) {
    long inserted = 0;
    long updated = 0;
    long deleted = 0;
    long kept = 0;
    long resolved = 0;
    for (SyncCollectionResult c : r.collections()) {
      resolved += c.resolved();
      if (c.note() != null && !c.created() && !c.droppedOnBlue()) {
        state.event("collection " + c.collection() + ": " + c.note());
      }
      inserted += c.inserted();
      updated += c.updated();
      deleted += c.deleted();
      kept += c.greenKept();
      if (c.created()) {
        state.event(
            "collection "
                + c.collection()
                + " created on Blue after the copy: created on Green and copied");
      }
      if (c.droppedOnBlue()) {
        state.event(
            "collection "
                + c.collection()
                + " dropped on Blue: "
                + (c.droppedOnGreen()
                    ? "dropped on Green too (unchanged there)"
                    : "kept on Green, which changed it"));
      }
    }
    state.event(
        pass
            + " sync: carried from Blue "
            + inserted
            + " inserted, "
            + updated
            + " updated, "
            + deleted
            + " deleted; Green's own changes kept "
            + kept
            + "; conflicts "
            + r.totalConflicts()
            + (resolved > 0 ? "; conflicts settled by policy " + resolved : ""));
    for (SyncConflict c : r.conflictSamples()) {
      state.event(
          "conflict in "
              + c.collection()
              + " _id "
              + c.id()
              + ": Blue "
              + c.blueChange()
              + ", Green "
              + c.greenChange());
    }
    if (r.configChanges() != null) {
      for (ConfigChange c : r.configChanges()) {
        state.event(
            "Blue's "
                + c.collection()
                + " '"
                + c.name()
                + "' was "
                + c.change()
                + " since provisioning; Green's own is kept: apply the change to Green by hand if it should follow");
      }
    }
  }
}
