package io.bluegreen.workflows;

import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.ABORT;
import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.APPROVE_CUTOVER;
import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.ROLLBACK;
import static io.bluegreen.workflows.Switchboard.BLUE;
import static io.bluegreen.workflows.Switchboard.GREEN;
import static io.bluegreen.workflows.Switchboard.START_JOBS;
import static io.bluegreen.workflows.Switchboard.TASK_WORKER;

import io.bluegreen.workflows.DecisionPolicy.CutoverMoment;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The cutover order, in {@link #steps}: Green's health gate; the full three-way sync while Blue
 * still takes jobs; Blue's startJobs off; the drain (and the operator's decision when it times
 * out); the final sync (only what Blue changed); Green's startJobs and taskWorker on,
 * Blue's taskWorker off; traffic to Green; the webhook (best effort). Anything short of LIVE leaves
 * Blue serving, through the one {@link BlueRestore}.
 *
 * <p>Abort is accepted until Green is switched on, rollback from the moment Blue's first switch
 * changed; either cancels the running step, and a cancellation from Temporal acts as rollback.
 */
final class Cutover {
  /** How a cutover attempt ended. */
  enum Outcome {
    /** Green is live. */
    LIVE,
    /** Stopped with Blue serving; back to waiting for approval. */
    HALTED,
    /** Ended by an abort (or no decision after a drain timeout) with Blue serving. */
    ABORTED,
    /** Ended by a rollback or a cancellation with Blue serving. */
    ROLLED_BACK
  }

  private final DeploymentRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final Switchboard board;
  private final CopyAndVerify copy;
  private boolean blueTouched;
  /** Why the steps stopped with Blue to be restored and the deployment to end; null while they run. */
  private Outcome ending;
  private String endingNote;

  Cutover(DeploymentRequest request, DeploymentState state, DecisionInbox inbox, Switchboard board, CopyAndVerify copy) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
    this.board = board;
    this.copy = copy;
  }

  Outcome run(OperatorSignal approval) {
    state.phase(Phase.CUTTING_OVER, "approved by " + approval.by() + ": cutting over to Green");
    blueTouched = false;
    ending = null;
    inbox.moment(new CutoverMoment(true, false, false));
    try {
      Outcome[] outcome = new Outcome[1];
      inbox.runInterruptible(() -> outcome[0] = steps());
      // A rollback or abort accepted while a halt was restoring Blue (a detached restore, which it
      // could not interrupt) still ends the deployment as asked, rather than lingering unacted.
      if (outcome[0] == Outcome.HALTED && inbox.has(ROLLBACK)) {
        return restoreAndEnd(Outcome.ROLLED_BACK, "rollback by " + inbox.get(ROLLBACK).by() + " during the cutover");
      }
      if (outcome[0] == Outcome.HALTED && inbox.has(ABORT)) {
        return restoreAndEnd(Outcome.ABORTED, "aborted by " + inbox.get(ABORT).by() + " during the cutover");
      }
      if (outcome[0] != null) {
        return outcome[0];
      }
      return restoreAndEnd(ending, endingNote);
    } catch (TemporalFailure e) {
      if (isCancellation(e) && inbox.has(ROLLBACK)) {
        return restoreAndEnd(Outcome.ROLLED_BACK, "rollback by " + inbox.get(ROLLBACK).by() + " during the cutover");
      }
      if (isCancellation(e) && inbox.has(ABORT)) {
        return restoreAndEnd(Outcome.ABORTED, "aborted by " + inbox.get(ABORT).by() + " during the cutover");
      }
      if (isCancellation(e) && CancellationScope.current().isCancelRequested()) {
        restoreAndEnd(Outcome.ROLLED_BACK, "the workflow was cancelled from Temporal during the cutover (acts as rollback)");
        throw new CanceledFailure("cancelled during the cutover; Blue restored");
      }
      if (!blueTouched) {
        throw e;
      }
      throw failedAndRestored(FailureMessages.root(e));
    } finally {
      inbox.moment(CutoverMoment.NONE);
    }
  }

  /** The cutover order. Returns LIVE or HALTED, or null with {@link #ending} set. */
  private Outcome steps() {
    if (request.green().health() != null && !greenHealthy()) {
      return Outcome.HALTED;
    }
    ThreeWaySync sync = copy.sync();
    if (sync != null) {
      // The long pass runs while Blue still takes jobs, so that only a short one waits for the drain.
      state.waitingFor("the full three-way sync (Blue still takes jobs); abort stops the cutover");
      long conflicts = sync.pass(SyncInput.FULL, sync.policy(null));
      if (conflicts > 0) {
        state.event("cutover halted before any switch: " + conflicts + " conflicts (both sides changed the same documents); "
            + "Blue untouched. Resync with a policy (blue-wins or green-wins), or abort");
        return Outcome.HALTED;
      }
    }
    blueTouched = true;
    inbox.moment(new CutoverMoment(true, true, false));
    board.cutoverSwitch(BLUE, START_JOBS, false);

    Duration drainTimeout = Duration.parse(request.cutover().drainTimeout());
    state.waitingFor("Blue's running jobs to finish (up to " + request.cutover().drainTimeout() + "); abort or rollback turn Blue back on");
    DrainResult drain = ActivityStubs.drain(drainTimeout).waitForDrain(new DrainInput(request.blue(), request.cutover().drainTimeout()));
    if (!drain.drained()) {
      int version = Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.DRAIN_TIMEOUT_ASKS_OPERATOR, Workflow.DEFAULT_VERSION, 1);
      if (version == Workflow.DEFAULT_VERSION) {
        board.cutoverSwitch(BLUE, START_JOBS, true);
        state.event("cutover halted: " + drain.runningJobs() + " jobs still running on Blue after "
            + request.cutover().drainTimeout() + "; Blue's startJobs is back on. Approve again to retry, or abort");
        return Outcome.HALTED;
      }
      if (!operatorForcesCutover(drain.runningJobs())) {
        return null;
      }
    } else {
      state.event("Blue drained: no running jobs; re-verifying what changed on Blue meanwhile");
    }

    if (sync != null) {
      state.waitingFor("the final three-way sync (Blue takes no jobs meanwhile); rollback restores Blue");
      long conflicts = sync.pass(SyncInput.FINAL, sync.policy(null));
      if (conflicts > 0) {
        String note = conflicts + " conflicts (both sides changed the same documents)";
        restoreBlue("cutover halted: " + note, List.of(START_JOBS));
        state.event("cutover halted: " + note + "; Blue is serving. Resync with a policy (blue-wins or green-wins), or abort");
        return Outcome.HALTED;
      }
      return switchToGreen();
    }
    List<String> differing = copy.verifyAndRepair(state.collectionNames());
    if (!differing.isEmpty()) {
      String note = "Green still differs from Blue in " + differing;
      if (!blueFirstRestore()) {
        board.cutoverSwitch(BLUE, START_JOBS, true);
        state.event("cutover halted: " + note + "; Blue's startJobs is back on. Resync or approve again");
        return Outcome.HALTED;
      }
      restoreBlue("cutover halted: " + note, List.of(START_JOBS));
      state.event("cutover halted: " + note + "; Blue is serving. Resync or approve again");
      return Outcome.HALTED;
    }

    return switchToGreen();
  }

  /** The last steps: Green on, Blue's taskWorker off, traffic to Green, the webhook. */
  private Outcome switchToGreen() {
    // From here Green comes on: abort no longer fits, rollback does.
    inbox.moment(new CutoverMoment(false, true, false));
    board.cutoverSwitch(GREEN, START_JOBS, true);
    board.cutoverSwitch(GREEN, TASK_WORKER, true);
    board.cutoverSwitch(BLUE, TASK_WORKER, false);
    board.pointTraffic(GREEN, null);
    board.notifyWebhook(GREEN);
    return Outcome.LIVE;
  }

  /** The health gate before any switch moves: Blue is untouched when Green is not healthy. */
  private boolean greenHealthy() {
    HealthCheck check = request.green().health();
    state.waitingFor("Green's health check " + check.url() + " to pass; abort stops the cutover");
    HealthResult health = ActivityStubs.healthGate(GREEN, check).checkHealth(new HealthInput(GREEN, check));
    if (health.healthy()) {
      state.event("Green is healthy (" + check.url() + ")");
      return true;
    }
    state.event("cutover halted before any switch: Green is unhealthy after " + health.consecutiveFailures()
        + " failed checks (last: " + health.lastFailure() + "); Blue untouched. Fix Green and approve again, or abort");
    return false;
  }

  /**
   * Blue's jobs did not finish in time and its startJobs is off: the operator decides within
   * {@code cutover.decisionTimeout}. True to force the cutover; false with {@link #ending} set
   * when no decision came (abort and rollback interrupt this wait).
   */
  private boolean operatorForcesCutover(long runningJobs) {
    boolean ownTimeout = Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.DRAIN_DECISION_TIMEOUT, Workflow.DEFAULT_VERSION, 1) == 1;
    String timeoutText = ownTimeout ? request.cutover().decisionTimeout() : request.approval().timeout();
    state.event("drain timed out: " + runningJobs + " jobs still running on Blue after " + request.cutover().drainTimeout()
        + "; Blue starts no new jobs meanwhile. approveCutover forces the cutover; abort or rollback turn Blue's startJobs back on");
    state.waitingFor("approveCutover to force the cutover with " + runningJobs
        + " jobs running on Blue, or abort/rollback (Blue is restored at " + after(Duration.parse(timeoutText)) + ")");
    inbox.moment(new CutoverMoment(true, true, true));
    boolean decided = Timers.await(Duration.parse(timeoutText), "drain decision: restore Blue if nobody decides",
        () -> inbox.has(APPROVE_CUTOVER) || inbox.has(ABORT) || inbox.has(ROLLBACK));
    inbox.moment(new CutoverMoment(true, true, false));
    if (decided && inbox.has(APPROVE_CUTOVER)) {
      state.event("cutover forced by " + inbox.take(APPROVE_CUTOVER).by() + " with " + runningJobs + " jobs still running on Blue");
      return true;
    }
    // Only the legacy path gets here with an abort or rollback: the current one is interrupted instead.
    if (inbox.has(ROLLBACK)) {
      ending = Outcome.ROLLED_BACK;
      endingNote = "rollback by " + inbox.get(ROLLBACK).by() + " during the cutover";
    } else if (inbox.has(ABORT)) {
      ending = Outcome.ABORTED;
      endingNote = "aborted by " + inbox.get(ABORT).by() + " during the cutover";
    } else {
      ending = Outcome.ABORTED;
      endingNote = "no decision within " + timeoutText + " after the drain timed out";
    }
    return false;
  }

  /** Restores Blue and ends the deployment as {@code outcome} (ABORTED or ROLLED_BACK). */
  private Outcome restoreAndEnd(Outcome outcome, String why) {
    Phase end = outcome == Outcome.ROLLED_BACK ? Phase.ROLLED_BACK : Phase.ABORTED;
    if (!blueTouched) {
      state.phase(end, why + ": Blue untouched, Green left as it is");
      return outcome;
    }
    if (!blueFirstRestore()) {
      board.cutoverSwitch(BLUE, START_JOBS, true);
      state.phase(end, why + ": Blue's startJobs is back on");
      return outcome;
    }
    state.phase(Phase.ROLLING_BACK, why + ": restoring Blue");
    BlueRestore restore = new BlueRestore(board, state);
    boolean serving = restore.serveBlue(why, List.of(TASK_WORKER, START_JOBS));
    state.phase(end, why + (serving ? ": Blue is serving" : ": Blue's restore failed in part, see restore") + (board.greenTouched()
        ? "; turning Green off" : "; Green was never switched on"));
    restore.awaitGreenOff(board.greenTouched());
    return outcome;
  }

  /**
   * A restore inside the cutover that does not end it (a halt): Blue serves, Green was never on.
   * When Blue cannot be restored the cutover fails instead (and restores once more), never
   * returning to approval with Blue said to be serving.
   */
  private void restoreBlue(String why, List<String> blueSwitches) {
    BlueRestore restore = new BlueRestore(board, state);
    boolean serving = restore.serveBlue(why, blueSwitches);
    restore.awaitGreenOff(false);
    if (!serving) {
      throw ApplicationFailure.newNonRetryableFailure(why + ", and Blue could not be restored ("
          + String.join("; ", restore.failedSteps()) + ")", FailureTypes.DEPLOYMENT_FAILED);
    }
  }

  private ApplicationFailure failedAndRestored(String cause) {
    // No decision fits while the failed cutover restores Blue: the deployment ends FAILED.
    inbox.moment(CutoverMoment.NONE);
    if (Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.FAILED_CUTOVER_ROLLS_BACK, Workflow.DEFAULT_VERSION, 1) == 1) {
      state.phase(Phase.ROLLING_BACK, "cutover failed: " + cause + "; restoring Blue as live");
    } else {
      state.event("cutover failed: " + cause + "; restoring Blue as live");
    }
    String outcome;
    if (blueFirstRestore()) {
      BlueRestore restore = new BlueRestore(board, state);
      boolean serving = restore.serveBlue("cutover failed: " + cause, List.of(TASK_WORKER, START_JOBS));
      restore.awaitGreenOff(board.greenTouched());
      outcome = (serving ? "; Blue was restored as live"
          : "; restoring Blue also failed (" + String.join("; ", restore.failedSteps())
              + "): check Blue's switches and the traffic key by hand")
          + (Boolean.FALSE.equals(restore.greenOff()) ? "; Green could not be confirmed off: turn its workers off by hand" : "");
    } else {
      List<String> failed = LegacyRestore.afterFailure(board, state);
      outcome = failed.isEmpty()
          ? "; Blue was restored as live"
          : "; restoring Blue also failed (" + String.join("; ", failed) + "): check both profiles' switches and the traffic key by hand";
    }
    return ApplicationFailure.newNonRetryableFailure("cutover failed: " + cause + outcome, FailureTypes.DEPLOYMENT_FAILED);
  }

  private static boolean blueFirstRestore() {
    return Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.BLUE_FIRST_RESTORE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private static String after(Duration d) {
    return java.time.Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(d).toString();
  }

  static boolean isCancellation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
