package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.activities.SearchIndexActivities;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.HealthCheck;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with the timeouts and retries each kind of work needs, and a summary per call so
 * the Temporal UI says what each activity does (e.g. "copy workflows 12000 docs").
 *
 * <p>Transient errors (a database restarting, a connection dropped) retry with backoff, because a
 * deployment that waits is better than one that fails after hours of copying; the types in {@link
 * FailureTypes#NON_RETRYABLE} never retry. Every step after approval also has a schedule-to-close,
 * so no step can hold the cutover or a restore longer than that.
 */
final class ActivityStubs {
  /**
   * A dead worker is noticed after this long, and its copy resumes from the last checkpoint. Copies
   * heartbeat every batch (a batch is capped at 16 MB), so 15 s is ample for a live worker and
   * halves the stall after a crash.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  /** What one HTTP call of an activity may take (activities' HttpCalls). */
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

  /** How long a switch made through the API may take to show in the workers' status. */
  static final Duration SWITCH_CONFIRM = Duration.ofSeconds(30);

  /**
   * One switch attempt: a status read, the switch call and status reads until confirmed, then the
   * profile write. Longer than any of its HTTP calls plus the confirm wait, so a slow but working
   * API completes instead of timing out on every attempt.
   */
  static final Duration SWITCH_ATTEMPT =
      HTTP_TIMEOUT.multipliedBy(3).plus(SWITCH_CONFIRM).plus(Duration.ofSeconds(30));

  /** Switch attempts heartbeat between calls; this finds a worker that died holding one. */
  static final Duration SWITCH_HEARTBEAT = HTTP_TIMEOUT.plus(Duration.ofSeconds(15));

  /** A cutover step gives up after this long in all (then Blue is restored). */
  static final Duration CUTOVER_STEP_LIMIT = Duration.ofMinutes(10);

  /**
   * Blue's restore steps keep trying this long: Blue must serve again, and nothing waits on them
   * but the end.
   */
  static final Duration BLUE_RESTORE_LIMIT = Duration.ofHours(1);

  /** A sick Green is tried this long to be turned off after Blue is serving again. */
  static final Duration GREEN_OFF_LIMIT = Duration.ofMinutes(30);

  /** A comparison of Green with the baseline, or a carry-back, gives up after this long. */
  static final Duration GREEN_CHANGES_LIMIT = Duration.ofMinutes(30);

  /** The traffic webhook after traffic moved: best effort for this long, then reported. */
  static final Duration WEBHOOK_LIMIT = Duration.ofMinutes(5);

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(new String[0]))
          .build();

  private static final ActivityOptions SHORT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RETRY)
          .build();

  /** Switches, the traffic key and the webhook: short attempts, a heartbeat, and a limit in all. */
  private static final ActivityOptions SWITCH =
      SHORT.toBuilder()
          .setStartToCloseTimeout(SWITCH_ATTEMPT)
          .setHeartbeatTimeout(SWITCH_HEARTBEAT)
          .setScheduleToCloseTimeout(CUTOVER_STEP_LIMIT)
          .build();

  /**
   * Copies and verifications run for hours; the heartbeat, not the start-to-close, finds a dead
   * worker.
   */
  private static final ActivityOptions LONG =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofDays(7))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  private ActivityStubs() {}

  static PreflightActivities preflight() {
    return Workflow.newActivityStub(
        PreflightActivities.class, summary(SHORT, "preflight: read-only checks and plan"));
  }

  /**
   * The one question about the namespace's search attributes: quick tries for two minutes, then the
   * deployment goes on unindexed rather than wait on a convenience.
   */
  static SearchIndexActivities searchIndex() {
    return Workflow.newActivityStub(
        SearchIndexActivities.class,
        summary(
            SHORT.toBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                .build(),
            "ask Temporal whether this namespace indexes deployments (search attributes)"));
  }

  static ProvisioningActivities provisioning() {
    return Workflow.newActivityStub(
        ProvisioningActivities.class,
        summary(SHORT, "provision Green profile and service configs"));
  }

  static CollectionCopyActivities copy(String summary) {
    return Workflow.newActivityStub(CollectionCopyActivities.class, summary(LONG, summary));
  }

  /** Baselines and three-way sync passes: long, heartbeating, on Green's and Blue's servers. */
  static SyncActivities sync(String summary) {
    return Workflow.newActivityStub(SyncActivities.class, summary(LONG, summary));
  }

  /**
   * The cutover's final sync pass: Blue takes no jobs while it runs, so it has a limit in all
   * ({@code cutover.finalSyncTimeout}); past it the cutover fails and Blue is restored.
   */
  static SyncActivities finalSync(String summary, Duration limit) {
    return Workflow.newActivityStub(
        SyncActivities.class,
        summary(LONG.toBuilder().setScheduleToCloseTimeout(limit).build(), summary));
  }

  /**
   * Green's changes since the cutover, and their carry-back to Blue: heartbeating, bounded by
   * {@link #GREEN_CHANGES_LIMIT} in all, so a slow Green never holds a rollback open.
   */
  static GreenChangesActivities greenChanges(String summary) {
    return Workflow.newActivityStub(
        GreenChangesActivities.class,
        summary(LONG.toBuilder().setScheduleToCloseTimeout(GREEN_CHANGES_LIMIT).build(), summary));
  }

  /** Dropping the baseline when the deployment closes: a few attempts, then reported. */
  static SyncActivities dropBaseline() {
    return Workflow.newActivityStub(
        SyncActivities.class,
        summary(
            SHORT.toBuilder().setScheduleToCloseTimeout(Duration.ofMinutes(10)).build(),
            "drop the deployment's baseline on Green's server"));
  }

  /** A switch or the traffic key during the cutover: bounded by {@link #CUTOVER_STEP_LIMIT}. */
  static CutoverActivities cutover(String summary) {
    return Workflow.newActivityStub(
        CutoverActivities.class, onCutoverQueue(summary(SWITCH, summary)));
  }

  /**
   * A step of the restore, bounded by {@code limit} ({@link #BLUE_RESTORE_LIMIT} or {@link
   * #GREEN_OFF_LIMIT}).
   */
  static CutoverActivities restore(String summary, Duration limit) {
    return Workflow.newActivityStub(
        CutoverActivities.class,
        onCutoverQueue(
            summary(SWITCH.toBuilder().setScheduleToCloseTimeout(limit).build(), summary)));
  }

  /** The traffic webhook: best effort, never longer than {@link #WEBHOOK_LIMIT}. */
  static CutoverActivities webhook(String summary) {
    return Workflow.newActivityStub(
        CutoverActivities.class,
        onCutoverQueue(
            summary(SWITCH.toBuilder().setScheduleToCloseTimeout(WEBHOOK_LIMIT).build(), summary)));
  }

  /**
   * The cutover's own task queue (see {@link TaskQueues}), next to the workflow's: a switch never
   * waits behind copies for an activity slot.
   */
  private static ActivityOptions onCutoverQueue(ActivityOptions options) {
    return options.toBuilder()
        .setTaskQueue(TaskQueues.cutover(Workflow.getInfo().getTaskQueue()))
        .build();
  }

  static CutoverActivities drain(Duration drainTimeout) {
    ActivityOptions options =
        onCutoverQueue(LONG).toBuilder()
            .setStartToCloseTimeout(drainTimeout.plus(Duration.ofMinutes(5)))
            .setScheduleToCloseTimeout(drainTimeout.plus(Duration.ofMinutes(15)))
            .setSummary("wait for Blue's running jobs to finish (up to " + drainTimeout + ")")
            .build();
    return Workflow.newActivityStub(CutoverActivities.class, options);
  }

  /**
   * The gate before cutover: long enough for every allowed failure, each probe timing out, and one
   * more check; in all, twice that. {@code perCheck}: the check's interval and probe timeout.
   */
  static HealthActivities healthGate(Colour colour, HealthCheck check, Duration perCheck) {
    Duration attempt =
        perCheck.multipliedBy(check.failuresAllowed() + 2L).plus(Duration.ofMinutes(2));
    ActivityOptions options =
        onCutoverQueue(LONG).toBuilder()
            .setStartToCloseTimeout(attempt)
            .setScheduleToCloseTimeout(attempt.multipliedBy(2))
            .setSummary("check " + colour + " health " + check.url())
            .build();
    return Workflow.newActivityStub(HealthActivities.class, options);
  }

  /**
   * The watch over Green while it is live: as long as the failover window, cancelled at its end.
   */
  static HealthActivities healthWatch(Colour colour, HealthCheck check, Duration window) {
    ActivityOptions options =
        LONG.toBuilder()
            .setStartToCloseTimeout(window.plus(Duration.ofMinutes(10)))
            .setSummary("watch " + colour + " health " + check.url() + " while live")
            .build();
    return Workflow.newActivityStub(HealthActivities.class, options);
  }

  private static ActivityOptions summary(ActivityOptions options, String summary) {
    return options.toBuilder().setSummary(summary).build();
  }
}
