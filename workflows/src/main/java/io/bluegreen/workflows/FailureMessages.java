package io.bluegreen.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/**
 * The message of a failure that says what to fix: the innermost one, without Temporal's wrapping.
 */
final class FailureMessages {
  private FailureMessages() {}

  static String root(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        message = af.getOriginalMessage();
      } else if (t instanceof TemporalFailure tf
          && tf.getOriginalMessage() != null
          && !tf.getOriginalMessage().isEmpty()) {
        message = tf.getOriginalMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /**
   * Whether {@code e} is, or was caused by, a cancellation (of a scope, an activity or the
   * workflow).
   */
  static boolean isCancellation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
