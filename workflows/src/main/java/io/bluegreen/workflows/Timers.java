package io.bluegreen.workflows;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Workflow.await} with a timeout, but with a timer that carries a summary, so the Temporal
 * UI's timeline says "approval timeout" instead of showing a timer id. When the condition comes
 * first, the timer is left to fire rather than cancelled, as {@code Workflow.await(Duration,
 * Supplier)} did when the committed histories were recorded, so those histories replay. One
 * difference remains: when the condition already holds no timer is started, where that SDK call
 * started one; no await of the workflow is reached with its condition already true in the recorded
 * histories (the replay tests cover them all).
 */
final class Timers {
  private Timers() {}

  /** Waits until {@code condition} holds or {@code timeout} passes; true when the condition holds. */
  static boolean await(Duration timeout, String summary, Supplier<Boolean> condition) {
    if (condition.get()) {
      return true;
    }
    Promise<Void> timer = Workflow.newTimer(timeout, TimerOptions.newBuilder().setSummary(summary).build());
    Workflow.await(() -> timer.isCompleted() || condition.get());
    return condition.get();
  }

  /** A plain wait with a summary. */
  static void sleep(Duration duration, String summary) {
    Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }
}
