package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.ROLLBACK;
import static io.bluegreen.workflows.model.Colour.GREEN;

import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * LIVE: Green serves and Blue stays the failover until {@code failoverWindow} ends, finalize ends
 * it early, or a rollback (the operator's or Green's health watch's) ends it; the workflow then
 * restores Blue from the undo log. A cancellation from Temporal propagates from the wait. From
 * generation 2 Blue's changes after the final pass are compared meanwhile ({@link
 * BlueChangesWatch}), and once more when the deployment completes.
 */
final class FailoverWindow {
  /** Who a rollback is recorded as when Green's health watch triggers it. */
  static final String HEALTH_GATE = "health-gate";

  private final ResolvedRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;

  FailoverWindow(ResolvedRequest request, DeploymentState state, DecisionInbox inbox) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
  }

  /**
   * Ends COMPLETED (the window's end or finalize) or ROLLED_BACK (a rollback, restored by the
   * workflow).
   */
  PhaseOutcome run() {
    Duration window = request.failoverWindow();
    long deadline = Workflow.currentTimeMillis() + window.toMillis();
    String until = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(window).toString();
    state.failoverUntil(until);
    state.phase(Phase.LIVE, "Green is live; Blue stays the failover until " + until);
    state.waitingFor("finalize or rollback (Blue remains the failover until " + until + ")");

    HealthCheck check = request.green().health();
    CancellationScope watchScope = null;
    @SuppressWarnings("unchecked")
    Promise<HealthResult>[] watch = new Promise[1];
    if (check != null) {
      watchScope =
          Workflow.newCancellationScope(
              () ->
                  watch[0] =
                      Async.function(
                          ActivityStubs.healthWatch(GREEN, check, window)::watchHealth,
                          new HealthInput(GREEN, check)));
      watchScope.run();
      state.event(
          "watching Green's health "
              + check.url()
              + " every "
              + check.interval()
              + "; more than "
              + check.failuresAllowed()
              + " failures in a row roll back automatically");
    }
    boolean watching = watch[0] != null;
    // Generation 2: Blue's changes after the final pass are compared, carried or reported.
    BlueChangesWatch blueChanges =
        state.generation() >= Versions.WINDOW ? new BlueChangesWatch(request, state) : null;
    if (blueChanges != null) {
      blueChanges.begin();
    }
    try {
      while (!inbox.has(ROLLBACK) && !inbox.has(FINALIZE)) {
        long remaining = deadline - Workflow.currentTimeMillis();
        if (remaining <= 0) {
          break;
        }
        boolean watchingNow = watching;
        Duration wait = Duration.ofMillis(remaining);
        String summary = "failover window: Blue stays the failover until " + until;
        Duration untilPass = blueChanges == null ? null : blueChanges.untilDue();
        if (untilPass != null && untilPass.compareTo(wait) < 0) {
          wait = untilPass;
          summary = "next comparison of Blue with the final pass's baseline";
        }
        Timers.await(
            wait,
            summary,
            () ->
                inbox.has(ROLLBACK)
                    || inbox.has(FINALIZE)
                    || (watchingNow && watch[0].isCompleted())
                    || (blueChanges != null && blueChanges.due()));
        if (blueChanges != null && !inbox.has(ROLLBACK) && !inbox.has(FINALIZE)) {
          blueChanges.tick();
        }
        if (watching && watch[0].isCompleted() && !inbox.has(ROLLBACK) && !inbox.has(FINALIZE)) {
          watching = false;
          HealthResult verdict = healthVerdict(watch[0]);
          if (verdict != null && !verdict.healthy()) {
            String reason =
                "Green failed "
                    + verdict.consecutiveFailures()
                    + " health checks in a row (last: "
                    + verdict.lastFailure()
                    + ")";
            inbox.takenByWorkflow(ROLLBACK, new OperatorSignal(HEALTH_GATE, reason));
          }
        }
      }
    } finally {
      if (watchScope != null) {
        watchScope.cancel("Green's failover window is over");
      }
      if (blueChanges != null) {
        // Never waited for: a rollback restores Blue at once.
        blueChanges.stop(inbox.has(ROLLBACK) ? "the rollback came" : "the failover window ended");
      }
      state.failoverUntil(null);
    }
    if (inbox.has(ROLLBACK)) {
      return PhaseOutcome.end(Phase.ROLLED_BACK, "rollback by " + inbox.get(ROLLBACK).by());
    }
    if (blueChanges != null) {
      state.waitingFor(
          "the last comparison of Blue with the final pass's baseline (a rollback still ends it)");
      // Still LIVE, so a rollback is still accepted: it cancels the comparison and is acted on.
      blueChanges.finalPass(() -> inbox.has(ROLLBACK));
      if (inbox.has(ROLLBACK)) {
        return PhaseOutcome.end(Phase.ROLLED_BACK, "rollback by " + inbox.get(ROLLBACK).by());
      }
    }
    return PhaseOutcome.end(
        Phase.COMPLETED,
        inbox.has(FINALIZE)
            ? "finalized by " + inbox.get(FINALIZE).by() + ": Green stays live"
            : "failover window " + request.raw().failoverWindow() + " ended: Green stays live");
  }

  /**
   * The watch's verdict, or null when the watch itself failed (then Green is no longer watched).
   */
  private HealthResult healthVerdict(Promise<HealthResult> watch) {
    try {
      return watch.get();
    } catch (TemporalFailure e) {
      state.event(
          "health watch stopped: " + FailureMessages.root(e) + "; Green stays live, unwatched");
      return null;
    }
  }
}
