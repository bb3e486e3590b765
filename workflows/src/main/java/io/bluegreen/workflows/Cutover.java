package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.APPROVE_CUTOVER;
import static io.bluegreen.workflows.model.Colour.BLUE;
import static io.bluegreen.workflows.model.Colour.GREEN;
import static io.bluegreen.workflows.model.WorkerSwitch.START_JOBS;
import static io.bluegreen.workflows.model.WorkerSwitch.TASK_WORKER;

import io.bluegreen.workflows.DecisionPolicy.CutoverMoment;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.SyncPass;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * The cutover order: Green's health gate; the full three-way sync while Blue still takes jobs;
 * Blue's startJobs off; the drain (and the operator's decision when it times out); the final sync
 * (only what Blue changed); Green's startJobs and taskWorker on, Blue's taskWorker off; traffic to
 * Green; the webhook (best effort).
 *
 * <p>Generation 2: after the drain, Blue's unfinished jobs are named and left or cancelled ({@link
 * BlueJobsAtCutover}) and Blue's taskWorker goes off <em>before</em> the final sync (the fence).
 * With {@code cutover.overlapDrain}, the final sync follows Blue's startJobs off at once, Green
 * comes on, and only then does the cutover wait for Blue's running jobs, with Blue's taskWorker on
 * until they finished. It returns {@link PhaseOutcome#proceed} when Green is live, a halt (back to
 * approval, Blue restored from the undo log by the workflow) or an end; every move is logged in the
 * {@link UndoLog} by the {@link Switchboard} before it is made.
 *
 * <p>Abort is accepted until Green is switched on, rollback from the moment Blue's first switch
 * changed; either cancels the running step, which the workflow classifies.
 */
final class Cutover {
  private final ResolvedRequest request;
  private final DeploymentState state;
  private final DecisionInbox inbox;
  private final Switchboard board;
  private final ThreeWaySync sync;
  private final BlueJobsAtCutover jobs;

  Cutover(
      ResolvedRequest request,
      DeploymentState state,
      DecisionInbox inbox,
      Switchboard board,
      ThreeWaySync sync) {
    this.request = request;
    this.state = state;
    this.inbox = inbox;
    this.board = board;
    this.sync = sync;
    this.jobs = new BlueJobsAtCutover(request, state);
  }

  PhaseOutcome run(OperatorSignal approval) {
    state.phase(Phase.CUTTING_OVER, "approved by " + approval.by() + ": cutting over to Green");
    inbox.moment(new CutoverMoment(true, false, false));
    if (request.green().health() != null && !greenHealthy()) {
      return PhaseOutcome.halt("Green is unhealthy");
    }
    // The long pass runs while Blue still takes jobs, so that only a short one waits for the drain.
    state.waitingFor("the full three-way sync (Blue still takes jobs); abort stops the cutover");
    long conflicts = sync.pass(SyncPass.FULL, sync.policy(null));
    if (conflicts > 0) {
      state.event(
          "cutover halted before any switch: "
              + conflicts
              + " conflicts (both sides changed the same documents); "
              + "Blue untouched. Resync with a policy (blue-wins or green-wins), or abort");
      return PhaseOutcome.halt(conflicts + " conflicts before any switch");
    }
    inbox.moment(new CutoverMoment(true, true, false));
    board.cutoverSwitch(BLUE, START_JOBS, false);
    boolean window = state.generation() >= Versions.WINDOW;
    boolean overlap = window && request.raw().cutover().overlapping();
    if (overlap) {
      state.event(
          "Blue starts no new jobs; its running jobs go on (cutover.overlapDrain) while the final"
              + " pass runs and Green comes on");
    } else {
      PhaseOutcome decided = drain(window);
      if (decided != null) {
        return decided;
      }
      if (window) {
        // The fence: Blue drained, so its task worker stops before the final pass, and nothing
        // Blue's tasks write can land after the pass read it.
        board.cutoverSwitch(BLUE, TASK_WORKER, false);
      }
    }

    state.waitingFor(
        "the final three-way sync (Blue takes no jobs meanwhile); rollback restores Blue");
    conflicts = sync.pass(SyncPass.FINAL, sync.policy(null));
    if (conflicts > 0) {
      state.event(
          "cutover halted: "
              + conflicts
              + " conflicts (both sides changed the same documents); restoring Blue. "
              + "Then resync with a policy (blue-wins or green-wins), or abort");
      return PhaseOutcome.halt(
          "cutover halted: " + conflicts + " conflicts (both sides changed the same documents)");
    }

    // From here Green comes on: abort no longer fits, rollback does.
    inbox.moment(new CutoverMoment(false, true, false));
    board.cutoverSwitch(GREEN, START_JOBS, true);
    board.cutoverSwitch(GREEN, TASK_WORKER, true);
    if (!window) {
      board.cutoverSwitch(BLUE, TASK_WORKER, false);
    }
    board.trafficToGreen();
    board.webhookToGreen();
    if (overlap) {
      overlappedDrain();
    }
    return PhaseOutcome.proceed();
  }

  /**
   * Blue's startJobs is off: waits for its running jobs, then (generation 2) names what is left and
   * applies {@code cutover.blueJobs}. Null to go on to the final pass; an end when the drain timed
   * out and nobody decided.
   */
  private PhaseOutcome drain(boolean window) {
    state.waitingFor(
        "Blue's running jobs to finish (up to "
            + request.raw().cutover().drainTimeout()
            + "); abort or rollback turn Blue back on");
    DrainResult drain = waitForDrain();
    boolean drained = window ? jobs.settle(drain) : drain.drained();
    if (!drained) {
      return drainDecision(drain.runningJobs());
    }
    if (drain.drained()) {
      state.event("Blue drained: no running jobs; syncing what changed on Blue meanwhile");
    }
    return null;
  }

  private DrainResult waitForDrain() {
    return ActivityStubs.drain(request.drainTimeout())
        .waitForDrain(new DrainInput(request.blue(), request.raw().cutover().drainTimeout()));
  }

  /**
   * {@code cutover.overlapDrain}: Green already takes jobs; Blue's running jobs finish meanwhile
   * (its task worker still on), then what is left is named or cancelled and Blue's task worker goes
   * off, through the undo log like every move. No decision is asked at a drain timeout: Green is
   * on, so the jobs left are treated by {@code cutover.blueJobs}; rollback is accepted throughout.
   */
  private void overlappedDrain() {
    state.event(
        "Green takes new jobs; Blue's running jobs finish meanwhile (cutover.overlapDrain)");
    state.waitingFor(
        "Blue's running jobs to finish (up to "
            + request.raw().cutover().drainTimeout()
            + ") while Green takes new jobs; rollback restores Blue");
    DrainResult drain = waitForDrain();
    jobs.settle(drain);
    state.event(
        drain.drained()
            ? "Blue drained while Green took jobs; Blue's task worker goes off"
            : "drain timed out after "
                + request.raw().cutover().drainTimeout()
                + " with "
                + drain.runningJobs()
                + " jobs running on Blue; Blue's task worker goes off (Green took jobs meanwhile)");
    board.cutoverSwitch(BLUE, TASK_WORKER, false);
  }

  /** The health gate before any switch moves: Blue is untouched when Green is not healthy. */
  private boolean greenHealthy() {
    HealthCheck check = request.green().health();
    state.waitingFor("Green's health check " + check.url() + " to pass; abort stops the cutover");
    HealthResult health =
        ActivityStubs.healthGate(GREEN, check, request.greenHealthCheck())
            .checkHealth(new HealthInput(GREEN, check));
    if (health.healthy()) {
      state.event("Green is healthy (" + check.url() + ")");
      return true;
    }
    state.event(
        "cutover halted before any switch: Green is unhealthy after "
            + health.consecutiveFailures()
            + " failed checks (last: "
            + health.lastFailure()
            + "); Blue untouched. Fix Green and approve again, or abort");
    return false;
  }

  /**
   * Blue's jobs did not finish in time and its startJobs is off: the operator decides within {@code
   * cutover.decisionTimeout}. Null to force the cutover; an end when no decision came (abort and
   * rollback interrupt this wait, as any other step).
   */
  private PhaseOutcome drainDecision(long runningJobs) {
    String timeout = request.raw().cutover().decisionTimeout();
    state.event(
        "drain timed out: "
            + runningJobs
            + " jobs still running on Blue after "
            + request.raw().cutover().drainTimeout()
            + "; Blue starts no new jobs meanwhile. approveCutover forces the cutover; abort or rollback turn Blue's startJobs back on");
    state.waitingFor(
        "approveCutover to force the cutover with "
            + runningJobs
            + " jobs running on Blue, or abort/rollback (Blue is restored at "
            + Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(request.decisionTimeout())
            + ")");
    inbox.moment(new CutoverMoment(true, true, true));
    boolean forced =
        Timers.await(
            request.decisionTimeout(),
            "drain decision: restore Blue if nobody decides",
            () -> inbox.has(APPROVE_CUTOVER));
    inbox.moment(new CutoverMoment(true, true, false));
    if (!forced) {
      return PhaseOutcome.end(
          Phase.ABORTED, "no decision within " + timeout + " after the drain timed out");
    }
    state.event(
        "cutover forced by "
            + inbox.take(APPROVE_CUTOVER).by()
            + " with "
            + runningJobs
            + " jobs still running on Blue");
    return null;
  }
}
