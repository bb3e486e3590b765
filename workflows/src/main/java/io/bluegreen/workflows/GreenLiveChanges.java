package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.CARRY_BACK;
import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.ROLLBACK;

import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What was done on Green after the cutover (generation 2): Green against Green as the final pass
 * left it (the baseline, or the pass's record where Green's release had changed it), compared on
 * the operator's {@code diff} while LIVE and after a rollback from LIVE has restored Blue; and the
 * carry-back of the named collections to Blue, only on an operator's explicit {@code carryBack}.
 * Nothing is carried back by default: Green's documents may carry its newer release's schema.
 *
 * <p>After a rollback from LIVE the deployment stays in ROLLING_BACK, Blue serving, while Green is
 * compared (bounded, detached: it never holds up Blue, and its failure is named, not a failed
 * restore) and, when Green changed anything not yet carried back (or the comparison failed), until
 * the operator decides: carryBack (any number of times), finalize, or the failover window's length
 * passes. History holds counts and capped ids per collection, never documents: O(collections) per
 * comparison or carry-back ({@link GreenComparison} runs them and keeps what they found).
 */
final class GreenLiveChanges {
  private final ResolvedRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final ThreeWaySync sync;
  private final GreenComparison comparison;

  /** Blue serves again after a rollback from LIVE, and the baseline is still there. */
  private boolean reviewing;

  GreenLiveChanges(
      ResolvedRequest request, DeploymentState state, DecisionInbox inbox, ThreeWaySync sync) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
    this.sync = sync;
    this.comparison = new GreenComparison(request, state, sync);
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
      comparison.compare(state.phase() == Phase.LIVE ? "while LIVE" : "after the rollback", false);
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
    GreenDiffResult found = detached(() -> comparison.compare("at the rollback", true));
    if (inbox.has(CARRY_BACK)) {
      comparison.carryBack(inbox.take(CARRY_BACK));
    }
    if (CancellationScope.current().isCancelRequested()) {
      return;
    }
    if (found != null && comparison.uncarried(found).isEmpty() && !inbox.has(FINALIZE)) {
      state.event(comparison.nothingLeftToCarry(found));
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
      if (comparison.allCarried()) {
        state.event(comparison.nothingLeftToCarry(comparison.last()));
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
        comparison.carryBack(inbox.take(CARRY_BACK));
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

  /** Runs {@code work} where a cancellation from Temporal cannot stop it halfway. */
  static <T> T detached(Supplier<T> work) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> out.add(work.get())).run();
    return out.get(0);
  }
}
