package io.bluegreen.workflows;

import static io.bluegreen.workflows.Switchboard.BLUE;
import static io.bluegreen.workflows.Switchboard.GREEN;
import static io.bluegreen.workflows.Switchboard.START_JOBS;
import static io.bluegreen.workflows.Switchboard.TASK_WORKER;

import io.bluegreen.workflows.model.RestoreReport;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one restore of Blue. It serves rollback, a failed cutover, the exit from a drain decision,
 * a conflict exit and the workflow's cancellation.
 *
 * <p>Blue first: its switches on, the traffic key and the webhook back to Blue; then Green off.
 * Every step is attempted whatever happened to the steps before it, and the whole restore runs in
 * a detached cancellation scope, so a cancellation from Temporal cannot stop it halfway. Green's
 * steps retry with backoff for {@link ActivityStubs#GREEN_OFF_LIMIT} but never hold up Blue's: the
 * caller learns that Blue serves as soon as Blue's steps are done ({@link #serveBlue}), then waits
 * for Green ({@link #awaitGreenOff}) with the deployment already showing its final phase.
 */
final class BlueRestore {
  private final Switchboard board;
  private final DeploymentState state;
  private final List<String> failed = new ArrayList<>();
  private final List<Promise<Void>> greenOff = new ArrayList<>();
  private RestoreReport report;
  private List<String> blueSwitches = List.of();
  private boolean blueSwitchMayBeInFlight;

  BlueRestore(Switchboard board, DeploymentState state) {
    this.board = board;
    this.state = state;
  }

  /**
   * Puts Blue back to serving and starts turning Green off. {@code blueSwitches}: which of Blue's
   * switches to turn back on ({@code startJobs} alone after a drain, both after a cutover).
   * Returns whether every Blue step succeeded.
   */
  boolean serveBlue(String reason, List<String> blueSwitches) {
    String started = DeploymentState.now();
    this.blueSwitches = blueSwitches;
    // A Blue switch the cutover was making when it was interrupted or failed may still turn Blue
    // off after this restore turned it on; awaitGreenOff turns Blue on once more after that time.
    blueSwitchMayBeInFlight = BLUE.equals(board.switchInFlight());
    state.event("restoring Blue (" + reason + "): Blue first, then Green off");
    Workflow.newDetachedCancellationScope(() -> {
      for (String name : blueSwitches) {
        attempt(() -> board.restoreSwitch(BLUE, name, true, ActivityStubs.BLUE_RESTORE_LIMIT));
      }
      if (board.trafficMoved()) {
        boolean keyRestored = attempt(() -> board.pointTraffic(BLUE, ActivityStubs.BLUE_RESTORE_LIMIT));
        // Best effort and bounded: the load balancer is told, but Blue does not wait on it; not
        // told at all when the key could not be restored, so the two never disagree.
        String webhookFailure = keyRestored ? board.notifyWebhook(BLUE) : "not called: the traffic key was not restored";
        if (webhookFailure != null) {
          failed.add("traffic webhook: " + webhookFailure);
        }
      }
      if (board.greenTouched()) {
        for (String name : List.of(START_JOBS, TASK_WORKER)) {
          greenOff.add(Async.procedure(() -> board.restoreSwitch(GREEN, name, false, ActivityStubs.GREEN_OFF_LIMIT)));
        }
      }
    }).run();
    boolean blueServing = failed.stream().noneMatch(f -> !f.startsWith("traffic webhook"));
    String until = greenOff.isEmpty() ? null
        : Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(ActivityStubs.GREEN_OFF_LIMIT).toString();
    report = new RestoreReport(reason, started, blueServing, blueServing ? DeploymentState.now() : null,
        List.copyOf(failed), greenOff.isEmpty() ? Boolean.TRUE : null, until,
        greenOff.isEmpty() ? null : "turning Green's workers off; trying until " + until);
    state.restore(report);
    state.event(blueServing ? "Blue is serving again" : "Blue's restore failed in part: " + failed
        + "; check Blue's switches and the traffic key by hand");
    return blueServing;
  }

  /**
   * Waits (detached from cancellation) until Green is confirmed off or its steps gave up. When a
   * Green switch-on may still have been in flight when the restore began (a cancelled attempt can
   * act until its start-to-close passes), Green is turned off once more after that time.
   */
  void awaitGreenOff(boolean greenSwitchMayBeInFlight) {
    if (blueSwitchMayBeInFlight
        && Workflow.getVersion(BlueGreenDeploymentWorkflowImpl.BLUE_REASSERTED, Workflow.DEFAULT_VERSION, 1) == 1) {
      Workflow.newDetachedCancellationScope(() -> {
        Timers.sleep(ActivityStubs.SWITCH_ATTEMPT, "let an interrupted Blue switch attempt run out, then confirm Blue on");
        for (String name : blueSwitches) {
          attempt(() -> board.restoreSwitch(BLUE, name, true, ActivityStubs.BLUE_RESTORE_LIMIT));
        }
      }).run();
    }
    if (greenOff.isEmpty()) {
      return;
    }
    List<String> greenFailed = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> {
      for (Promise<Void> p : greenOff) {
        try {
          p.get();
        } catch (TemporalFailure e) {
          greenFailed.add(FailureMessages.root(e));
        }
      }
      if (greenFailed.isEmpty() && greenSwitchMayBeInFlight) {
        Timers.sleep(ActivityStubs.SWITCH_ATTEMPT, "let an interrupted Green switch attempt run out, then confirm Green off");
        for (String name : List.of(START_JOBS, TASK_WORKER)) {
          try {
            board.restoreSwitch(GREEN, name, false, ActivityStubs.GREEN_OFF_LIMIT);
          } catch (TemporalFailure e) {
            greenFailed.add(FailureMessages.root(e));
          }
        }
      }
    }).run();
    boolean off = greenFailed.isEmpty();
    List<String> allFailed = new ArrayList<>(report.failedSteps());
    allFailed.addAll(greenFailed);
    report = new RestoreReport(report.reason(), report.startedAt(), report.blueServing(), report.blueServingAt(),
        allFailed, off, null, off ? "Green's workers are off"
            : "Green could not be confirmed off within " + ActivityStubs.GREEN_OFF_LIMIT.toMinutes()
                + " minutes: turn Green's workers off by hand (" + String.join("; ", greenFailed) + ")");
    state.restore(report);
    state.event(report.note());
  }

  /** Whether Green is confirmed off: null while still being tried (or when it was never on). */
  Boolean greenOff() {
    return report == null ? null : report.greenOff();
  }

  List<String> failedSteps() {
    return report == null ? List.of() : report.failedSteps();
  }

  private boolean attempt(Runnable step) {
    try {
      step.run();
      return true;
    } catch (TemporalFailure e) {
      String cause = FailureMessages.root(e);
      failed.add(cause);
      state.event("restore step failed: " + cause);
      return false;
    }
  }
}
