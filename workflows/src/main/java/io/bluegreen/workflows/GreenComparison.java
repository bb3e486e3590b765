package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.CarryBackResult;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CarryBackReport;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.TemporalFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Green compared with the baseline (DiffGreen) and carried back to Blue (CarryBack): runs the
 * activities, and keeps what they found in the status ({@code greenChanges}) and the events. A
 * failure is named there, never thrown: it must not turn a rollback into a failed restore.
 */
final class GreenComparison {
  /** Ids listed per collection and kind of change; the rest are counted. */
  static final int MAX_IDS = 100;

  /** Ids named in one event of the trail; the status lists up to {@link #MAX_IDS}. */
  private static final int IDS_IN_EVENTS = 5;

  private final ResolvedRequest request;
  private final DeploymentState state;
  private final ThreeWaySync sync;
  private final List<CarryBackReport> carried = new ArrayList<>();
  private final Set<String> carriedCollections = new TreeSet<>();
  private GreenDiffResult last;
  private String lastAt;
  private Phase lastPhase;
  private String note;

  GreenComparison(ResolvedRequest request, DeploymentState state, ThreeWaySync sync) {
    this.request = request;
    this.state = state;
    this.sync = sync;
  }

  /**
   * What ends the wait for a carry-back once nothing of the deployment is left to carry, said of
   * comparison {@code r}: Green changed nothing, only collections made on Green (named, not
   * carried), or every collection of the deployment it changed was carried back.
   */
  String nothingLeftToCarry(GreenDiffResult r) {
    boolean madeOnGreen = r.collections().stream().anyMatch(c -> !ofDeployment(c));
    boolean deploymentChanged =
        r.collections().stream().anyMatch(c -> ofDeployment(c) && c.total() > 0);
    String kept =
        madeOnGreen
            ? "; collections made on Green after the cutover stay on Green (named above)"
            : "";
    if (!deploymentChanged) {
      return (madeOnGreen
              ? "Green changed no collection of the deployment since the cutover"
              : "Green made no changes since the cutover")
          + ": nothing to carry back"
          + kept;
    }
    return "every collection of the deployment Green changed was carried back to Blue" + kept;
  }

  /** Whether {@code c} is a collection of the deployment (not one made on Green after it). */
  private boolean ofDeployment(GreenCollectionChanges c) {
    return state.hasCollection(c.collection());
  }

  /** The last comparison that succeeded; null before one did. */
  GreenDiffResult last() {
    return last;
  }

  /** Whether every collection the last comparison found changed has been carried back. */
  boolean allCarried() {
    return last != null && uncarried(last).isEmpty();
  }

  /** Green against the baseline; null when the comparison failed (then named in the status). */
  GreenDiffResult compare(String when, boolean namePerCollection) {
    try {
      GreenDiffResult r =
          ActivityStubs.greenChanges("compare Green with the final pass's baseline (" + when + ")")
              .diffGreen(
                  new GreenDiffInput(
                      request.raw().blue(),
                      request.raw().green(),
                      sync.key(),
                      state.collectionNames(),
                      MAX_IDS,
                      true));
      last = r;
      lastAt = DeploymentState.now();
      lastPhase = state.phase();
      note = null;
      publish();
      state.event(
          "Green's changes since the cutover ("
              + when
              + "): "
              + r.created()
              + " created, "
              + r.changed()
              + " changed, "
              + r.deleted()
              + " deleted");
      if (namePerCollection) {
        for (GreenCollectionChanges c : r.collections()) {
          if (c.total() > 0 || !ofDeployment(c)) {
            state.event(describe(c));
          }
        }
      }
      return r;
    } catch (TemporalFailure e) {
      note =
          "could not compare Green with the baseline "
              + when
              + ": "
              + FailureMessages.root(e)
              + (last == null ? "" : "; the comparison shown is of " + lastAt);
      publish();
      state.event(note);
      return null;
    }
  }

  void carryBack(OperatorSignal s) {
    String at = DeploymentState.now();
    CarryBackReport report;
    try {
      CarryBackResult r =
          GreenLiveChanges.detached(
              () ->
                  ActivityStubs.greenChanges(
                          "carry Green's changes of " + s.collections() + " back to Blue")
                      .carryBack(
                          new CarryBackInput(
                              request.raw().blue(),
                              request.raw().green(),
                              sync.key(),
                              s.collections(),
                              MAX_IDS)));
      report =
          new CarryBackReport(
              s.by(),
              s.reason(),
              s.collections(),
              at,
              r.collections(),
              r.inserted(),
              r.updated(),
              r.deleted(),
              r.conflicts(),
              null);
      state.event(
          "carryBack by "
              + s.by()
              + " of "
              + s.collections()
              + ": "
              + r.inserted()
              + " inserted, "
              + r.updated()
              + " updated, "
              + r.deleted()
              + " deleted on Blue; "
              + r.conflicts()
              + " conflicts left as they are (Blue changed them too)");
      for (CarriedBack c : r.collections()) {
        for (SyncConflict k :
            c.conflictSamples() == null ? List.<SyncConflict>of() : c.conflictSamples()) {
          state.event(
              "not carried back: "
                  + k.collection()
                  + " _id "
                  + k.id()
                  + ": Green "
                  + k.greenChange()
                  + ", Blue "
                  + k.blueChange());
        }
      }
      carriedCollections.addAll(s.collections());
    } catch (TemporalFailure e) {
      String why =
          "failed: "
              + FailureMessages.root(e)
              + "; Blue may hold part of it: a carryBack of the same collections completes it"
              + " (what already is on Blue is left alone)";
      report =
          new CarryBackReport(s.by(), s.reason(), s.collections(), at, List.of(), 0, 0, 0, 0, why);
      state.event("carryBack by " + s.by() + " of " + s.collections() + " " + why);
    }
    carried.add(report);
    publish();
  }

  /**
   * Collections of the deployment Green changed that no carry-back has covered yet. A collection
   * made on Green after the cutover is named by the comparison but is no collection of the
   * deployment: carryBack cannot take it, so it does not hold the wait for one.
   */
  List<String> uncarried(GreenDiffResult r) {
    List<String> out = new ArrayList<>();
    for (GreenCollectionChanges c : r.collections()) {
      if (c.total() > 0 && ofDeployment(c) && !carriedCollections.contains(c.collection())) {
        out.add(c.collection());
      }
    }
    return out;
  }

  private void publish() {
    List<GreenCollectionChanges> listed = new ArrayList<>();
    if (last != null) {
      for (GreenCollectionChanges c : last.collections()) {
        if (c.total() > 0 || c.note() != null) {
          listed.add(c);
        }
      }
    }
    state.greenChanges(
        new GreenChanges(
            lastAt,
            lastPhase,
            listed,
            last == null ? null : last.created(),
            last == null ? null : last.changed(),
            last == null ? null : last.deleted(),
            note,
            carried.isEmpty() ? null : List.copyOf(carried)));
  }

  private static String describe(GreenCollectionChanges c) {
    return "Green changed "
        + c.collection()
        + " since the cutover: "
        + ids(c.created(), "created", c.createdIds())
        + ", "
        + ids(c.changed(), "changed", c.changedIds())
        + ", "
        + ids(c.deleted(), "deleted", c.deletedIds())
        + (c.note() == null ? "" : " (" + c.note() + ")");
  }

  private static String ids(long count, String what, List<String> ids) {
    if (count == 0 || ids == null || ids.isEmpty()) {
      return count + " " + what;
    }
    List<String> shown = ids.subList(0, Math.min(IDS_IN_EVENTS, ids.size()));
    return count + " " + what + " " + shown + (count > shown.size() ? " …" : "");
  }
}
