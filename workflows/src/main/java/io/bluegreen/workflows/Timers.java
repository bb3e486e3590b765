package io.bluegreen.workflows;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Workflow.await} with a timeout, but with a timer that carries a summary, so the Temporal
 * UI's timeline says "approval timeout" instead of showing a timer id. A timer no longer waited on
 * is cancelled: when the condition comes first, the timer's own cancellation scope is cancelled, so
 * no stale approval timer stays pending beside the current one and fires days later.
 */
final class Timers {
  private Timers() {}

  /**
   * Waits until {@code condition} holds or {@code timeout} passes; true when the condition holds.
   */
  static boolean await(Duration timeout, String summary, Supplier<Boolean> condition) {
    if (condition.get()) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Promise<Void>[] timer = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                timer[0] =
                    Workflow.newTimer(
                        timeout, TimerOptions.newBuilder().setSummary(summary).build()));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || condition.get());
    if (!timer[0].isCompleted()) {
      scope.cancel("no longer waited on: " + summary);
    }
    return condition.get();
  }

  /** A plain wait with a summary. */
  static void sleep(Duration duration, String summary) {
    Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }
}
