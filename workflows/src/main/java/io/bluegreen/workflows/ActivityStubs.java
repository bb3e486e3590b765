package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.model.HealthCheck;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with the timeouts and retries each kind of work needs, and a summary per call so
 * the Temporal UI says what each activity does (e.g. "copy workflows 12000 docs").
 *
 * <p>Transient errors (a database restarting, a connection dropped) retry without limit and with
 * backoff, because a deployment that waits is better than one that fails after hours of copying;
 * permanent errors are non-retryable {@code ApplicationFailure}s raised by the activities.
 */
final class ActivityStubs {
  /**
   * A dead worker is noticed after this long, and its copy resumes from the last checkpoint. Copies
   * heartbeat every batch (a batch is capped at 16 MB), so 15 s is ample for a live worker and
   * halves the stall after a crash.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .build();

  private static final ActivityOptions SHORT =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5)).setRetryOptions(RETRY).build();

  /**
   * Switches and the traffic key are one small write each. Their start-to-close is what finds a
   * worker that died holding one (they do not heartbeat), so it is short: with SHORT's 5 minutes,
   * a worker killed mid-cutover left Blue's jobs stopped and Green not yet started for 5 minutes.
   * Each attempt also gives up on a hung database within this time and retries.
   */
  private static final ActivityOptions SWITCH =
      SHORT.toBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();

  /** Copies and verifications run for hours; the heartbeat, not the start-to-close, finds a dead worker. */
  private static final ActivityOptions LONG =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofDays(7))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  private ActivityStubs() {}

  static PreflightActivities preflight() {
    return Workflow.newActivityStub(PreflightActivities.class, summary(SHORT, "preflight: read-only checks and plan"));
  }

  static ProvisioningActivities provisioning() {
    return Workflow.newActivityStub(ProvisioningActivities.class, summary(SHORT, "provision Green profile and service configs"));
  }

  static CollectionCopyActivities copy(String summary) {
    return Workflow.newActivityStub(CollectionCopyActivities.class, summary(LONG, summary));
  }

  static CutoverActivities cutover(String summary) {
    return Workflow.newActivityStub(CutoverActivities.class, summary(SWITCH, summary));
  }

  static CutoverActivities drain(Duration drainTimeout) {
    ActivityOptions options = LONG.toBuilder()
        .setStartToCloseTimeout(drainTimeout.plus(Duration.ofMinutes(5)))
        .setSummary("wait for Blue's running jobs to finish (up to " + drainTimeout + ")")
        .build();
    return Workflow.newActivityStub(CutoverActivities.class, options);
  }

  /** The gate before cutover: long enough for every allowed failure and one more check. */
  static HealthActivities healthGate(String colour, HealthCheck check) {
    Duration interval = Duration.parse(check.interval());
    ActivityOptions options = LONG.toBuilder()
        .setStartToCloseTimeout(interval.multipliedBy(check.failuresAllowed() + 2L).plus(Duration.ofMinutes(2)))
        .setSummary("check " + colour + " health " + check.url())
        .build();
    return Workflow.newActivityStub(HealthActivities.class, options);
  }

  /** The watch over Green while it is live: as long as the failover window, cancelled at its end. */
  static HealthActivities healthWatch(String colour, HealthCheck check, Duration window) {
    ActivityOptions options = LONG.toBuilder()
        .setStartToCloseTimeout(window.plus(Duration.ofMinutes(10)))
        .setSummary("watch " + colour + " health " + check.url() + " while live")
        .build();
    return Workflow.newActivityStub(HealthActivities.class, options);
  }

  private static ActivityOptions summary(ActivityOptions options, String summary) {
    return options.toBuilder().setSummary(summary).build();
  }
}
