package io.bluegreen.workflows;

import static io.bluegreen.workflows.Switchboard.BLUE;
import static io.bluegreen.workflows.Switchboard.GREEN;
import static io.bluegreen.workflows.Switchboard.START_JOBS;
import static io.bluegreen.workflows.Switchboard.TASK_WORKER;

import io.temporal.failure.TemporalFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * How deployments started before {@link BlueGreenDeploymentWorkflowImpl#BLUE_FIRST_RESTORE}
 * restored Blue. Kept only so that their histories replay; new deployments use {@link BlueRestore}.
 */
final class LegacyRestore {
  private LegacyRestore() {}

  /** Rollback as it was: Green off first, then Blue on, stopping at the first failure. */
  static void rollback(Switchboard board) {
    board.cutoverSwitch(GREEN, START_JOBS, false);
    board.cutoverSwitch(GREEN, TASK_WORKER, false);
    board.cutoverSwitch(BLUE, TASK_WORKER, true);
    board.cutoverSwitch(BLUE, START_JOBS, true);
    board.pointTraffic(BLUE, null);
    board.notifyWebhookStrict(BLUE);
  }

  /** After a failed cutover as it was: every step tried, Blue's first. Returns what failed. */
  static List<String> afterFailure(Switchboard board, DeploymentState state) {
    List<String> failed = new ArrayList<>();
    List<Runnable> steps = List.of(
        () -> board.cutoverSwitch(BLUE, TASK_WORKER, true),
        () -> board.cutoverSwitch(BLUE, START_JOBS, true),
        () -> {
          board.pointTraffic(BLUE, null);
          board.notifyWebhookStrict(BLUE);
        },
        () -> board.cutoverSwitch(GREEN, START_JOBS, false),
        () -> board.cutoverSwitch(GREEN, TASK_WORKER, false));
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (TemporalFailure e) {
        failed.add(FailureMessages.root(e));
        state.event("restore step failed: " + FailureMessages.root(e));
      }
    }
    return failed;
  }
}
