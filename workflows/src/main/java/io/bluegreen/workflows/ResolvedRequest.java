package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.PlatformSpec;
import java.time.Duration;

/**
 * A request after validation and defaults, with its durations parsed once. The raw request stays
 * what activities and the status receive (its JSON is unchanged); workflow code reads time limits
 * from here.
 */
record ResolvedRequest(
    DeploymentRequest raw,
    Duration approvalTimeout,
    Duration drainTimeout,
    Duration decisionTimeout,
    Duration finalSyncTimeout,
    Duration failoverWindow,
    Duration greenHealthCheck,
    LiveBlueChanges blueChanges) {

  /** {@code defaulted} has passed {@link RequestValidation} and {@link RequestDefaults}. */
  static ResolvedRequest of(DeploymentRequest defaulted) {
    return new ResolvedRequest(
        defaulted,
        Duration.parse(defaulted.approval().timeout()),
        Duration.parse(defaulted.cutover().drainTimeout()),
        Duration.parse(defaulted.cutover().decisionTimeout()),
        Duration.parse(defaulted.cutover().finalSyncTimeout()),
        Duration.parse(defaulted.failoverWindow()),
        healthCheck(defaulted.green().health()),
        LiveBlueChanges.of(defaulted.live()));
  }

  /**
   * One health check of Green: its interval and its probe's timeout; null when Green has no check.
   */
  private static Duration healthCheck(HealthCheck check) {
    if (check == null) {
      return null;
    }
    String timeout = check.timeout() == null ? RequestDefaults.HEALTH_TIMEOUT : check.timeout();
    return Duration.parse(check.interval()).plus(Duration.parse(timeout));
  }

  String deployment() {
    return raw.deployment();
  }

  PlatformSpec blue() {
    return raw.blue();
  }

  PlatformSpec green() {
    return raw.green();
  }
}
