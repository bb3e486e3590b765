package io.bluegreen.workflows;

import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.RestoreReport;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one restore of Blue: it replays the {@link UndoLog} (what the cutover moved, or began to),
 * for a rollback, an abort or a failure during the cutover, a halt after Blue's startJobs went off,
 * a rollback while LIVE, and the workflow's cancellation.
 *
 * <p>Blue first: its switches on (generation 2: as they were before the cutover), the traffic key
 * and the webhook back to Blue; then Green off. Every step is attempted whatever happened to the
 * steps before it, and the whole restore runs in detached cancellation scopes, so a cancellation
 * from Temporal cannot stop it halfway. Green's steps retry with backoff for {@link
 * ActivityStubs#GREEN_OFF_LIMIT} but never hold up Blue's: the caller learns that Blue serves as
 * soon as Blue's steps are done ({@link #serveBlue}), then waits for Green ({@link #awaitGreenOff})
 * with the deployment already showing its final phase. A switch that was in flight when the restore
 * began may still act until its attempt ({@link ActivityStubs#SWITCH_ATTEMPT}) runs out, so it is
 * re-asserted after that time; so is a move of the traffic key or the webhook to Green (their
 * attempts are as long), so the key never says green while Blue serves.
 */
final class Restore {
  private final Switchboard board;
  private final UndoLog undo;
  private final DeploymentState state;
  private final List<String> failed = new ArrayList<>();
  private final List<Promise<Void>> greenOff = new ArrayList<>();
  private final List<WorkerSwitch> blueSwitches;

  /**
   * What each Blue switch goes back to: on (generation 1: the cutover only ever turned Blue's
   * switches off), or as it was before the cutover (generation 2).
   */
  private final Map<WorkerSwitch, Boolean> blueAsItWas;

  private final List<WorkerSwitch> greenSwitches;
  private final Colour inFlight;
  private final boolean trafficInFlight;
  private RestoreReport report;

  Restore(Switchboard board, UndoLog undo, DeploymentState state) {
    this.board = board;
    this.undo = undo;
    this.state = state;
    this.blueSwitches = undo.blueSwitches();
    this.blueAsItWas =
        state.generation() >= Versions.WINDOW ? undo.blueSwitchesAsTheyWere() : Map.of();
    this.greenSwitches = undo.greenSwitches();
    this.inFlight = undo.switchInFlight();
    this.trafficInFlight = undo.trafficInFlight();
  }

  /**
   * Puts Blue back to serving and starts turning Green off. Returns whether every Blue step
   * succeeded.
   */
  boolean serveBlue(String reason) {
    String started = DeploymentState.now();
    state.event("restoring Blue (" + reason + "): Blue first, then Green off");
    Workflow.newDetachedCancellationScope(
            () -> {
              for (WorkerSwitch name : blueSwitches) {
                attempt(
                    () ->
                        board.restoreSwitch(
                            Colour.BLUE, name, blueTarget(name), ActivityStubs.BLUE_RESTORE_LIMIT));
              }
              if (undo.trafficMoved()) {
                boolean keyRestored =
                    attempt(() -> board.trafficToBlue(ActivityStubs.BLUE_RESTORE_LIMIT));
                // Best effort and bounded: the load balancer is told, but Blue does not wait on it;
                // not
                // told at all when the key could not be restored, so the two never disagree.
                String webhookFailure =
                    keyRestored
                        ? board.notifyWebhook(Colour.BLUE)
                        : "not called: the traffic key was not restored";
                if (webhookFailure != null) {
                  failed.add("traffic webhook: " + webhookFailure);
                }
              }
              for (WorkerSwitch name : greenSwitches) {
                greenOff.add(
                    Async.procedure(
                        () ->
                            board.restoreSwitch(
                                Colour.GREEN, name, false, ActivityStubs.GREEN_OFF_LIMIT)));
              }
            })
        .run();
    boolean blueServing = failed.stream().noneMatch(f -> !f.startsWith("traffic webhook"));
    String until =
        greenOff.isEmpty()
            ? null
            : Instant.ofEpochMilli(Workflow.currentTimeMillis())
                .plus(ActivityStubs.GREEN_OFF_LIMIT)
                .toString();
    report =
        new RestoreReport(
            reason,
            started,
            blueServing,
            blueServing ? DeploymentState.now() : null,
            List.copyOf(failed),
            greenOff.isEmpty() ? Boolean.TRUE : null,
            until,
            greenOff.isEmpty() ? null : "turning Green's workers off; trying until " + until);
    state.restore(report);
    state.event(
        blueServing
            ? "Blue is serving again"
            : "Blue's restore failed in part: "
                + failed
                + "; check Blue's switches and the traffic key by hand");
    return blueServing;
  }

  /**
   * Waits (detached from cancellation) until Green is confirmed off or its steps gave up, after
   * re-asserting a switch that was in flight when the restore began. When Blue serves, the log is
   * cleared: nothing is left to undo.
   */
  void awaitGreenOff() {
    if (inFlight == Colour.BLUE) {
      Workflow.newDetachedCancellationScope(
              () -> {
                Timers.sleep(
                    ActivityStubs.SWITCH_ATTEMPT,
                    "let an interrupted Blue switch attempt run out, then confirm Blue on");
                for (WorkerSwitch name : blueSwitches) {
                  attempt(
                      () ->
                          board.restoreSwitch(
                              Colour.BLUE,
                              name,
                              blueTarget(name),
                              ActivityStubs.BLUE_RESTORE_LIMIT));
                }
              })
          .run();
    }
    if (trafficInFlight) {
      Workflow.newDetachedCancellationScope(this::reassertTraffic).run();
    }
    if (report.blueServing()) {
      undo.clear();
    }
    if (greenOff.isEmpty()) {
      return;
    }
    List<String> greenFailed = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              for (Promise<Void> p : greenOff) {
                try {
                  p.get();
                } catch (TemporalFailure e) {
                  greenFailed.add(FailureMessages.root(e));
                }
              }
              if (greenFailed.isEmpty() && inFlight == Colour.GREEN) {
                Timers.sleep(
                    ActivityStubs.SWITCH_ATTEMPT,
                    "let an interrupted Green switch attempt run out, then confirm Green off");
                for (WorkerSwitch name : greenSwitches) {
                  try {
                    board.restoreSwitch(Colour.GREEN, name, false, ActivityStubs.GREEN_OFF_LIMIT);
                  } catch (TemporalFailure e) {
                    greenFailed.add(FailureMessages.root(e));
                  }
                }
              }
            })
        .run();
    boolean off = greenFailed.isEmpty();
    List<String> allFailed = new ArrayList<>(report.failedSteps());
    allFailed.addAll(greenFailed);
    report =
        new RestoreReport(
            report.reason(),
            report.startedAt(),
            report.blueServing(),
            report.blueServingAt(),
            allFailed,
            off,
            null,
            off
                ? "Green's workers are off"
                : "Green could not be confirmed off within "
                    + ActivityStubs.GREEN_OFF_LIMIT.toMinutes()
                    + " minutes: turn Green's workers off by hand ("
                    + String.join("; ", greenFailed)
                    + ")");
    state.restore(report);
    state.event(report.note());
  }

  /**
   * After an interrupted move of the traffic key or the webhook to Green has run out its attempt:
   * the key, then the webhook, point at Blue once more. A failure is reported with the restore's.
   */
  private void reassertTraffic() {
    Timers.sleep(
        ActivityStubs.SWITCH_ATTEMPT,
        "let an interrupted traffic move to Green run out, then point traffic at Blue again");
    List<String> failures = new ArrayList<>();
    try {
      board.trafficToBlue(ActivityStubs.BLUE_RESTORE_LIMIT);
      String webhook = board.notifyWebhook(Colour.BLUE);
      if (webhook != null) {
        failures.add("traffic webhook: " + webhook);
      }
    } catch (TemporalFailure e) {
      String cause = FailureMessages.root(e);
      failures.add(cause);
      state.event("restore step failed: " + cause);
    }
    if (!failures.isEmpty()) {
      List<String> all = new ArrayList<>(report.failedSteps());
      all.addAll(failures);
      boolean serving =
          report.blueServing() && failures.stream().allMatch(f -> f.startsWith("traffic webhook"));
      report =
          new RestoreReport(
              report.reason(),
              report.startedAt(),
              serving,
              report.blueServingAt(),
              all,
              report.greenOff(),
              report.greenRetryUntil(),
              report.note());
      state.restore(report);
    }
  }

  private boolean blueTarget(WorkerSwitch name) {
    return blueAsItWas.getOrDefault(name, Boolean.TRUE);
  }

  /** Whether Green was switched on (or began to be) by the cutover this restore undoes. */
  boolean greenTouched() {
    return !greenSwitches.isEmpty();
  }

  /** Whether Green is confirmed off: null while still being tried. */
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
