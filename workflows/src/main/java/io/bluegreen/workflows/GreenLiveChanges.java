package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.CARRY_BACK;
import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.ROLLBACK;

import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.CarryBackResult;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CarryBackReport;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What was done on Green after the cutover (generation 2): Green against the baseline the final
 * pass left, compared on the operator's {@code diff} while LIVE and after a rollback from LIVE has
 * restored Blue; and the carry-back of the named collections to Blue, only on an operator's
 * explicit {@code carryBack}. Nothing is carried back by default: Green's documents may carry its
 * newer release's schema.
 *
 * <p>After a rollback from LIVE the deployment stays in ROLLING_BACK, Blue serving, while Green is
 * compared (bounded, detached: it never holds up Blue, and its failure is named, not a failed
 * restore) and, when Green changed anything not yet carried back (or the comparison failed), until
 * the operator decides: carryBack (any number of times), finalize, or the failover window's length
 * passes. History holds counts and capped ids per collection, never documents: O(collections) per
 * comparison or carry-back.
 */
final class GreenLiveChanges {
  /** Ids listed per collection and kind of change; the rest are counted. */
  static final int MAX_IDS = 100;

  /** Ids named in one event of the trail; the status lists up to {@link #MAX_IDS}. */
  private static final int IDS_IN_EVENTS = 5;

  private final ResolvedRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final ThreeWaySync sync;
  private final List<CarryBackReport> carried = new ArrayList<>();
  private final Set<String> carriedCollections = new TreeSet<>();
  private GreenDiffResult last;
  private String lastAt;
  private Phase lastPhase;
  private String note;

  /** Blue serves again after a rollback from LIVE, and the baseline is still there. */
  private boolean reviewing;

  GreenLiveChanges(
      ResolvedRequest request, DeploymentState state, DecisionInbox inbox, ThreeWaySync sync) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
    this.sync = sync;
  }

  // ---- the diff Update ------------------------------------------------------------------------

  /** Refuses, before anything is recorded, a diff that can never be answered. */
  void validate(DiffRequest r) {
    if (state.generation() < Versions.WINDOW) {
      throw new IllegalArgumentException(
          "diff needs a deployment started by workers of generation "
              + Versions.WINDOW
              + " or later; this one runs generation "
              + state.generation());
    }
    if (state.greenChanges() == null && !canCompare()) {
      throw new IllegalArgumentException(
          "Green's changes are compared from LIVE on; the deployment is in " + state.phase());
    }
  }

  /** Compares now when asked and possible, then answers the last comparison. */
  GreenChanges answer(DiffRequest r) {
    if (r != null && Boolean.TRUE.equals(r.fresh()) && canCompare()) {
      compare(state.phase() == Phase.LIVE ? "while LIVE" : "after the rollback", false);
    }
    return state.greenChanges();
  }

  private boolean canCompare() {
    return state.generation() >= Versions.WINDOW
        && sync.baselineOpen()
        && (state.phase() == Phase.LIVE || reviewing);
  }

  // ---- the rollback --------------------------------------------------------------------------

  /**
   * After a rollback from LIVE restored Blue: compare Green, carry back what was decided while
   * LIVE, then wait for carryBack or finalize while Green holds changes not carried back.
   */
  void afterRollback() {
    reviewing = true;
    inbox.take(ROLLBACK); // acted on: Blue serves again
    GreenDiffResult found = detached(() -> compare("at the rollback", true));
    if (inbox.has(CARRY_BACK)) {
      carryBack(inbox.take(CARRY_BACK));
    }
    if (CancellationScope.current().isCancelRequested()) {
      return;
    }
    if (found != null && uncarried(found).isEmpty() && !inbox.has(FINALIZE)) {
      state.event(
          found.total() == 0
              ? "Green made no changes since the cutover: nothing to carry back"
              : "every collection Green changed was carried back to Blue");
      return;
    }
    Duration wait = request.failoverWindow();
    long deadline = Workflow.currentTimeMillis() + wait.toMillis();
    String until = Instant.ofEpochMilli(deadline).toString();
    while (true) {
      if (inbox.has(FINALIZE)) {
        OperatorSignal f = inbox.take(FINALIZE);
        state.event(
            "finalize by " + f.by() + ": nothing more carried back; Green keeps its changes");
        return;
      }
      if (last != null && uncarried(last).isEmpty()) {
        state.event("every collection Green changed was carried back to Blue");
        return;
      }
      state.waitingFor(
          "carryBack or finalize: Blue is serving; Green's changes since the cutover are listed"
              + " (./bluegreen diff), nothing is carried back unless decided; ends ROLLED_BACK at "
              + until);
      long remaining = deadline - Workflow.currentTimeMillis();
      boolean decided;
      try {
        decided =
            remaining > 0
                && Timers.await(
                    Duration.ofMillis(remaining),
                    "carry-back decision: Green's changes stay on Green unless carried back",
                    () -> inbox.has(CARRY_BACK) || inbox.has(FINALIZE));
      } catch (CanceledFailure e) {
        return; // cancelled from Temporal: the deployment ends with Blue serving
      }
      if (inbox.has(CARRY_BACK)) {
        carryBack(inbox.take(CARRY_BACK));
      } else if (!decided) {
        state.event(
            "no carryBack or finalize within "
                + request.raw().failoverWindow()
                + ": nothing carried back; Green keeps its changes (listed in greenChanges)");
        return;
      }
    }
  }

  /** The deployment completed with Green live: a carryBack decided while LIVE has nothing to do. */
  void discardPending() {
    if (inbox.has(CARRY_BACK)) {
      OperatorSignal s = inbox.take(CARRY_BACK);
      state.event(
          "carryBack by " + s.by() + " not applied: Green stays live, nothing goes back to Blue");
    }
  }

  // ---- comparing and carrying back ------------------------------------------------------------

  /** Green against the baseline; null when the comparison failed (then named in the status). */
  private GreenDiffResult compare(String when, boolean namePerCollection) {
    try {
      GreenDiffResult r =
          ActivityStubs.greenChanges("compare Green with the final pass's baseline (" + when + ")")
              .diffGreen(
                  new GreenDiffInput(
                      request.raw().blue(),
                      request.raw().green(),
                      sync.key(),
                      state.collectionNames(),
                      MAX_IDS));
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
          if (c.total() > 0) {
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

  private void carryBack(OperatorSignal s) {
    String at = DeploymentState.now();
    CarryBackReport report;
    try {
      CarryBackResult r =
          detached(
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

  /** Collections Green changed that no carry-back has covered yet. */
  private List<String> uncarried(GreenDiffResult r) {
    List<String> out = new ArrayList<>();
    for (GreenCollectionChanges c : r.collections()) {
      if (c.total() > 0 && !carriedCollections.contains(c.collection())) {
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
        + ids(c.deleted(), "deleted", c.deletedIds());
  }

  private static String ids(long count, String what, List<String> ids) {
    if (count == 0 || ids == null || ids.isEmpty()) {
      return count + " " + what;
    }
    List<String> shown = ids.subList(0, Math.min(IDS_IN_EVENTS, ids.size()));
    return count + " " + what + " " + shown + (count > shown.size() ? " …" : "");
  }

  /** Runs {@code work} where a cancellation from Temporal cannot stop it halfway. */
  private static <T> T detached(Supplier<T> work) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> out.add(work.get())).run();
    return out.get(0);
  }
}
