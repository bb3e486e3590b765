package io.bluegreen.workflows;

import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.FINALIZE;
import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.ROLLBACK;
import static io.bluegreen.workflows.Switchboard.GREEN;
import static io.bluegreen.workflows.Switchboard.START_JOBS;
import static io.bluegreen.workflows.Switchboard.TASK_WORKER;

import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * LIVE: Green serves and Blue stays the failover until {@code failoverWindow} ends, finalize ends it
 * early, or a rollback (the operator's, Green's health watch's, or a cancellation from Temporal)
 * restores Blue.
 */
final class FailoverWindow {
  /** Who a rollback is recorded as when Green's health watch triggers it. */
  static final String HEALTH_GATE = "health-gate";

  private final DeploymentRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final Switchboard board;

  FailoverWindow(DeploymentRequest request, DeploymentState state, DecisionInbox inbox, Switchboard board) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
    this.board = board;
  }

  DeploymentStatus run() {
    Duration window = Duration.parse(request.failoverWindow());
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
      watchScope = Workflow.newCancellationScope(() -> watch[0] = Async.function(
          ActivityStubs.healthWatch(GREEN, check, window)::watchHealth, new HealthInput(GREEN, check)));
      watchScope.run();
      state.event("watching Green's health " + check.url() + " every " + check.interval()
          + "; more than " + check.failuresAllowed() + " failures in a row roll back automatically");
    }
    boolean watching = watch[0] != null;
    boolean cancelled = false;
    try {
      while (!inbox.has(ROLLBACK) && !inbox.has(FINALIZE)) {
        long remaining = deadline - Workflow.currentTimeMillis();
        if (remaining <= 0) {
          break;
        }
        boolean watchingNow = watching;
        Timers.await(Duration.ofMillis(remaining), "failover window: Blue stays the failover until " + until,
            () -> inbox.has(ROLLBACK) || inbox.has(FINALIZE) || (watchingNow && watch[0].isCompleted()));
        if (watching && watch[0].isCompleted() && !inbox.has(ROLLBACK) && !inbox.has(FINALIZE)) {
          watching = false;
          HealthResult verdict = healthVerdict(watch[0]);
          if (verdict != null && !verdict.healthy()) {
            String reason = "Green failed " + verdict.consecutiveFailures() + " health checks in a row (last: "
                + verdict.lastFailure() + ")";
            inbox.takenByWorkflow(ROLLBACK, new OperatorSignal(HEALTH_GATE, reason));
          }
        }
      }
    } catch (CanceledFailure e) {
      cancelled = true;
    }
    if (watchScope != null) {
      watchScope.cancel("Green's failover window is over");
    }
    if (cancelled) {
      rollBack("the workflow was cancelled from Temporal while LIVE (acts as rollback)");
      throw new CanceledFailure("cancelled while LIVE; Blue restored");
    }
    state.failoverUntil(null);
    if (inbox.has(ROLLBACK)) {
      return rollBack("rollback by " + inbox.get(ROLLBACK).by());
    }
    state.phase(Phase.COMPLETED, inbox.has(FINALIZE)
        ? "finalized by " + inbox.get(FINALIZE).by() + ": Green stays live"
        : "failover window " + request.failoverWindow() + " ended: Green stays live");
    return state.snapshot();
  }

  private DeploymentStatus rollBack(String why) {
    state.failoverUntil(null);
    boolean blueFirst = Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.BLUE_FIRST_RESTORE, Workflow.DEFAULT_VERSION, 1) == 1;
    if (!blueFirst) {
      state.phase(Phase.ROLLING_BACK, why + ": turning Green off and Blue on");
      LegacyRestore.rollback(board);
      state.phase(Phase.ROLLED_BACK, "Blue is live again; Green's workers are off and its data kept");
      return state.snapshot();
    }
    state.phase(Phase.ROLLING_BACK, why + ": Blue first, then Green off");
    BlueRestore restore = new BlueRestore(board, state);
    boolean serving = restore.serveBlue(why, List.of(TASK_WORKER, START_JOBS));
    state.phase(Phase.ROLLED_BACK, serving
        ? "Blue is live again; turning Green's workers off (its data kept)"
        : "Blue's restore failed in part (" + String.join("; ", restore.failedSteps()) + "): check Blue by hand");
    restore.awaitGreenOff(false);
    return state.snapshot();
  }

  /** The watch's verdict, or null when the watch itself failed (then Green is no longer watched). */
  private HealthResult healthVerdict(Promise<HealthResult> watch) {
    try {
      return watch.get();
    } catch (TemporalFailure e) {
      state.event("health watch stopped: " + FailureMessages.root(e) + "; Green stays live, unwatched");
      return null;
    }
  }
}
