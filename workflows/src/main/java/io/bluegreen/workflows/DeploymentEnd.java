package io.bluegreen.workflows;

import io.bluegreen.workflows.DecisionPolicy.CutoverMoment;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * How a deployment ends, and how a halted cutover returns to approval: the one {@link Restore} of
 * what the {@link UndoLog} holds (Blue first, then Green off), then the terminal phase, the failure
 * or the cancellation; the baseline is dropped last. After a rollback from LIVE (generation 2),
 * Green's changes are compared and may be carried back ({@link GreenLiveChanges}) once Blue serves,
 * before the deployment ends ROLLED_BACK.
 */
final class DeploymentEnd {
  private static final Logger log = Workflow.getLogger(DeploymentEnd.class);

  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final UndoLog undo;
  private final Switchboard board;
  private final ThreeWaySync sync;
  private final GreenLiveChanges greenChanges;

  DeploymentEnd(
      DeploymentState state,
      DecisionInbox inbox,
      UndoLog undo,
      Switchboard board,
      ThreeWaySync sync,
      GreenLiveChanges greenChanges) {
    this.state = state;
    this.inbox = inbox;
    this.undo = undo;
    this.board = board;
    this.sync = sync;
    this.greenChanges = greenChanges;
  }

  /**
   * A halted cutover: Blue serves again (restored from the undo log when a switch moved), then back
   * to approval (null). When Blue cannot be restored, the cutover fails instead (and restores once
   * more), never returning to approval with Blue said to be serving.
   */
  PhaseOutcome restoreAfterHalt(String why) {
    if (undo.isEmpty()) {
      return null;
    }
    // Blue is being restored in a detached scope: an abort or rollback is taken, and acted on once
    // it is done.
    inbox.moment(new CutoverMoment(true, true, false));
    Restore restore = new Restore(board, undo, state);
    boolean serving = restore.serveBlue(why);
    restore.awaitGreenOff();
    inbox.moment(CutoverMoment.NONE);
    return serving
        ? null
        : PhaseOutcome.fail(
            why
                + ", and Blue could not be restored ("
                + String.join("; ", restore.failedSteps())
                + ")");
  }

  /**
   * The one restore-and-end: what the undo log holds is undone (Blue first, then Green off), then
   * the deployment takes its terminal phase, or fails, or ends cancelled.
   */
  DeploymentStatus end(PhaseOutcome outcome) {
    boolean generation2 = state.generation() >= Versions.WINDOW;
    boolean wasLive = state.phase() == Phase.LIVE;
    inbox.moment(CutoverMoment.NONE);
    if (outcome.end() == Phase.COMPLETED) {
      undo.clear(); // Green stays live: the cutover is no longer undone
      if (generation2) {
        greenChanges.discardPending();
      }
    }
    boolean failed = outcome.next() == PhaseOutcome.Next.FAIL;
    String why = failed && !undo.isEmpty() ? "cutover failed: " + outcome.note() : outcome.note();
    if (undo.isEmpty()) {
      closeBaseline(outcome);
      if (failed) {
        throw fail(state, why);
      }
      // Nothing to undo: Blue was never touched, or a halt already restored it.
      boolean stopped = outcome.end() == Phase.ABORTED || outcome.end() == Phase.ROLLED_BACK;
      state.phase(
          outcome.end(),
          why + (stopped ? ": Blue is serving, Green left as it is for inspection" : ""));
    } else {
      // Generation 2: a rollback from LIVE lists (and may carry back) what was done on Green.
      boolean review =
          generation2
              && wasLive
              && !failed
              && outcome.end() == Phase.ROLLED_BACK
              && sync.baselineOpen();
      if (review) {
        inbox.afterLiveRollback();
      }
      state.phase(Phase.ROLLING_BACK, why + ": restoring Blue first, then Green off");
      Restore restore = new Restore(board, undo, state);
      boolean serving = restore.serveBlue(why);
      String green =
          restore.greenTouched()
              ? "; turning Green's workers off (its data kept)"
              : "; Green was never switched on";
      Promise<Void> greenOff = null;
      if (review) {
        // Blue serves. Green's workers go off meanwhile (a sick Green's retries do not hold up the
        // comparison, nor a comparison waiting for an activity slot the report that Green is off).
        state.phase(
            Phase.ROLLING_BACK,
            (serving ? "Blue is serving" : "Blue's restore failed in part: check Blue by hand")
                + green
                + "; listing what was done on Green since the cutover");
        greenOff = Async.procedure(restore::awaitGreenOff);
        greenChanges.afterRollback();
      }
      if (!failed) {
        state.phase(
            outcome.end(),
            why
                + (serving
                    ? ": Blue is serving"
                    : ": Blue's restore failed in part ("
                        + String.join("; ", restore.failedSteps())
                        + "): check Blue by hand")
                + green);
      }
      if (greenOff == null) {
        restore.awaitGreenOff();
      } else {
        greenOff.get();
      }
      closeBaseline(outcome);
      if (failed) {
        throw fail(
            state,
            why
                + (serving
                    ? "; Blue was restored as live"
                    : "; restoring Blue also failed ("
                        + String.join("; ", restore.failedSteps())
                        + "): check Blue's switches and the traffic key by hand")
                + (Boolean.FALSE.equals(restore.greenOff())
                    ? "; Green could not be confirmed off: turn its workers off by hand"
                    : ""));
      }
    }
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("cancelled from Temporal; Blue serving");
    }
    return state.snapshot();
  }

  /**
   * After Blue's restore, before the deployment's last status: the baseline is kept ({@code
   * sync.keepBaseline}) only after a completed deployment; an abort, rollback or failure at any
   * moment after RecordBaseline started drops what it recorded. Generation 2 first lets a running
   * {@code diff} finish (it reads the baseline).
   */
  void closeBaseline(PhaseOutcome outcome) {
    if (state.generation() >= Versions.WINDOW && sync.baselineOpen()) {
      Workflow.newDetachedCancellationScope(() -> Workflow.await(Workflow::isEveryHandlerFinished))
          .run();
    }
    sync.close(outcome.end() == Phase.COMPLETED);
  }

  static ApplicationFailure fail(DeploymentState state, String message) {
    state.error(message);
    state.phase(Phase.FAILED, message);
    log.warn("deployment={} failed: {}", state.snapshot().deployment(), message);
    return ApplicationFailure.newNonRetryableFailure(
        message, FailureTypes.DEPLOYMENT_FAILED, state.snapshot());
  }
}
