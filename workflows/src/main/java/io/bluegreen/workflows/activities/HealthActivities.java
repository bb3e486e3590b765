package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** HTTP health checks of a platform: a gate before cutover, and a watch while Green is live. */
@ActivityInterface
public interface HealthActivities {
  /**
   * Checks until one check succeeds (healthy) or more than {@code failuresAllowed} fail in a row
   * (unhealthy), {@code interval} apart.
   */
  @ActivityMethod(name = "CheckHealth")
  HealthResult checkHealth(HealthInput input);

  /**
   * Keeps checking, heartbeating, and returns only when more than {@code failuresAllowed} checks in
   * a row have failed. The workflow cancels it when the failover window ends.
   */
  @ActivityMethod(name = "WatchHealth")
  HealthResult watchHealth(HealthInput input);
}
