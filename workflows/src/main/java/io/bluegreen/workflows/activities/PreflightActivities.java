package io.bluegreen.workflows.activities;

import io.bluegreen.workflows.FailureTypes;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Read-only checks before anything is written. */
@ActivityInterface
public interface PreflightActivities {
  /**
   * Checks Blue's profile, that Green is separate from Blue and empty, and returns the plan. Every
   * problem is a non-retryable {@code ApplicationFailure} of type {@link #PREFLIGHT_FAILED} whose
   * message says what to fix.
   */
  @ActivityMethod(name = "Preflight")
  PreflightReport preflight(PreflightInput input);

  String PREFLIGHT_FAILED = FailureTypes.PREFLIGHT_FAILED;
}
