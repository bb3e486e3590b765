package io.bluegreen.workflows;

import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.BlueChangesMode;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.ConflictPolicy;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.bluegreen.workflows.model.SyncOptions;
import io.bluegreen.workflows.model.TrafficWebhook;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills every optional field of a request with its documented default, so the rest of the workflow
 * never handles nulls. Pure: the same request always yields the same result.
 */
public final class RequestDefaults {
  public static final int BATCH_SIZE = 1000;
  public static final int PARALLEL_COLLECTIONS = 4;

  /**
   * Documents from which a collection is copied in parallel {@code _id} ranges instead of one
   * cursor.
   */
  public static final int RANGE_THRESHOLD = 100_000;

  /** Ranges a collection at or above the threshold is split into. */
  public static final int RANGES = 4;

  public static final String APPROVAL_TIMEOUT = "P7D";
  public static final String DRAIN_TIMEOUT = "PT30M";

  /**
   * Blue takes no new jobs while the operator decides after a drain timeout: half an hour, then
   * Blue is restored.
   */
  public static final String DECISION_TIMEOUT = "PT30M";

  /**
   * The final sync pass runs while Blue takes no jobs: past this, the cutover fails and Blue is
   * restored.
   */
  public static final String FINAL_SYNC_TIMEOUT = "PT1H";

  /**
   * One health probe: long enough for a loaded platform, short enough that a hung one counts as
   * failed.
   */
  public static final String HEALTH_TIMEOUT = "PT10S";

  /** A document both sides changed stops the cutover until the operator decides. */
  public static final String CONFLICTS = ConflictPolicy.HALT.wire();

  public static final String FAILOVER_WINDOW = "PT24H";

  /** Blue's changes after the final pass are carried to Green (or only reported). */
  public static final String BLUE_CHANGES_MODE = BlueChangesMode.CARRY.wire();

  /** How often Blue is compared with the final pass's baseline while LIVE. */
  public static final String BLUE_CHANGES_INTERVAL = "PT1M";

  /** Blue documents handled per collection per comparison; the rest wait for the next. */
  public static final int BLUE_CHANGES_PER_COLLECTION = 1000;

  public static final String TRAFFIC_KEY = "bluegreen:active";
  public static final int HEALTH_EXPECTED_STATUS = 200;
  public static final String HEALTH_INTERVAL = "PT10S";
  public static final int HEALTH_FAILURES_ALLOWED = 3;

  private RequestDefaults() {}

  /** The request with defaults applied; {@code deploymentName} is used when none is given. */
  public static DeploymentRequest apply(DeploymentRequest r, String deploymentName) {
    CollectionSelection c = r.collections();
    Switches s = r.switches();
    CopyOptions copy = r.copy();
    ApprovalOptions approval = r.approval();
    CutoverOptions cutover = r.cutover();
    return new DeploymentRequest(
        blank(r.deployment()) ? deploymentName : r.deployment(),
        platform(r.blue()),
        platform(r.green()),
        new CollectionSelection(
            c == null || c.include() == null ? List.of() : c.include(),
            c == null || c.exclude() == null ? List.of() : c.exclude()),
        // No default paths: no Itential release has top-level startJobs/taskWorker booleans, so
        // toggling profile fields is opt-in and names its paths (preflight refuses a platform that
        // has neither an API connection nor switch paths).
        new Switches(
            s == null || blank(s.startJobs()) ? null : s.startJobs(),
            s == null || blank(s.taskWorker()) ? null : s.taskWorker()),
        new CopyOptions(
            copy == null || copy.batchSize() == null ? BATCH_SIZE : copy.batchSize(),
            copy == null || copy.parallelCollections() == null
                ? PARALLEL_COLLECTIONS
                : copy.parallelCollections(),
            copy == null || copy.greenMustBeEmpty() == null
                ? Boolean.TRUE
                : copy.greenMustBeEmpty(),
            copy == null || copy.documentsPerSecond() == null ? 0 : copy.documentsPerSecond(),
            copy == null || copy.rangeThreshold() == null ? RANGE_THRESHOLD : copy.rangeThreshold(),
            copy == null || copy.ranges() == null ? RANGES : copy.ranges()),
        new ApprovalOptions(
            approval == null || blank(approval.timeout()) ? APPROVAL_TIMEOUT : approval.timeout()),
        new CutoverOptions(
                cutover == null || blank(cutover.trafficRedis())
                    ? r.blue().redis()
                    : cutover.trafficRedis(),
                cutover == null || blank(cutover.trafficKey()) ? TRAFFIC_KEY : cutover.trafficKey(),
                cutover == null || blank(cutover.drainTimeout())
                    ? DRAIN_TIMEOUT
                    : cutover.drainTimeout(),
                cutover == null ? null : webhook(cutover.webhook()),
                cutover == null || blank(cutover.decisionTimeout())
                    ? DECISION_TIMEOUT
                    : cutover.decisionTimeout())
            // No default: left out, the key goes to db 0, and preflight must know it was not named.
            .withTrafficRedisDb(cutover == null ? null : cutover.trafficRedisDb())
            .withFinalSyncTimeout(
                cutover == null || blank(cutover.finalSyncTimeout())
                    ? FINAL_SYNC_TIMEOUT
                    : cutover.finalSyncTimeout())
            // No defaults: left out, Blue's jobs are left (and said so) and nothing overlaps.
            .withBlueJobsAsWritten(
                cutover == null ? null : cutover.blueJobs(),
                cutover == null ? null : cutover.overlapDrain()),
        blank(r.failoverWindow()) ? FAILOVER_WINDOW : r.failoverWindow(),
        sync(r.sync()),
        // Left as given (null by default): generation-1 runs keep their exact request; the
        // failover window resolves its defaults (ResolvedRequest).
        r.live(),
        null);
  }

  private static SyncOptions sync(SyncOptions s) {
    return new SyncOptions(
        s == null || blank(s.conflicts()) ? CONFLICTS : s.conflicts(),
        s == null || s.collections() == null ? Map.of() : s.collections(),
        s != null && Boolean.TRUE.equals(s.keepBaseline()),
        s != null && Boolean.TRUE.equals(s.dropStaleBaselines()));
  }

  private static PlatformSpec platform(PlatformSpec p) {
    return new PlatformSpec(
            p.mongo(), p.database(), p.redis(), p.redisDb() == null ? 0 : p.redisDb(), p.profile())
        .withApiAndHealth(blank(p.api()) ? null : p.api(), health(p.health()))
        .withRelease(
            blank(p.release()) ? null : p.release().trim(),
            p.allowDowngrade(),
            p.acknowledgeStartupWorkers())
        .withOverrides(p.profileOverrides(), p.serviceConfigOverrides());
  }

  private static HealthCheck health(HealthCheck h) {
    if (h == null) {
      return null;
    }
    return new HealthCheck(
        h.url(),
        h.expectedStatus() == null ? HEALTH_EXPECTED_STATUS : h.expectedStatus(),
        blank(h.interval()) ? HEALTH_INTERVAL : h.interval(),
        h.failuresAllowed() == null ? HEALTH_FAILURES_ALLOWED : h.failuresAllowed(),
        blank(h.timeout()) ? HEALTH_TIMEOUT : h.timeout());
  }

  private static TrafficWebhook webhook(TrafficWebhook w) {
    if (w == null) {
      return null;
    }
    return new TrafficWebhook(
        w.url(), blank(w.method()) ? "POST" : w.method().toUpperCase(Locale.ROOT));
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
