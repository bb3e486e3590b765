package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.workflow.Promise;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisionResult;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The deployment, phase by phase: PREFLIGHT → PROVISIONING → COPYING → VERIFYING →
 * AWAITING_APPROVAL → CUTTING_OVER → LIVE → COMPLETED, or ROLLING_BACK → ROLLED_BACK, ABORTED,
 * FAILED.
 *
 * <p>History stays O(collections): one copy, one verification and at most a few repairs per
 * collection; progress inside a copy travels in heartbeats, never in events.
 */
public class BlueGreenDeploymentWorkflowImpl implements BlueGreenDeploymentWorkflow {
  /** Blue is live while Green is verified, so documents may change under us; repair, then give up to the operator. */
  static final int MAX_REPAIR_ROUNDS = 3;

  static final int MAX_LISTED_DIFFERENCES = 10;
  static final String FAILURE_TYPE = "DeploymentFailed";
  /** Who a rollback is recorded as when Green's health watch triggers it. */
  static final String HEALTH_GATE = "health-gate";
  /** Version marker: a drain timeout waits for the operator instead of returning to approval. */
  static final String DRAIN_TIMEOUT_ASKS_OPERATOR = "drain-timeout-asks-operator";

  private static final String BLUE = "blue";
  private static final String GREEN = "green";

  private static final Logger log = Workflow.getLogger(BlueGreenDeploymentWorkflowImpl.class);

  private final DeploymentState state = new DeploymentState();
  private DeploymentRequest request;

  /** The pre-cutover work that an accepted abort cancels; null outside it. */
  private CancellationScope abortable;

  private OperatorSignal abortSignal;
  private OperatorSignal approveSignal;
  private OperatorSignal rollbackSignal;
  private OperatorSignal finalizeSignal;
  private boolean resyncPending;
  /** The cutover stopped on a drain timeout and waits for the operator's decision. */
  private boolean awaitingDrainDecision;

  @Override
  public DeploymentStatus deploy(DeploymentRequest typed) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<String> problems = RequestValidation.problems(typed);
    if (!problems.isEmpty()) {
      state.start(typed == null || typed.deployment() == null ? workflowId : typed.deployment(), typed);
      throw fail("invalid request: " + String.join("; ", problems));
    }
    request = RequestDefaults.apply(typed, workflowId);
    state.start(request.deployment(), request);
    log.info("deployment={} started blue={} green={}", request.deployment(), describe(request.blue()), describe(request.green()));
    try {
      if (!runAbortable(this::prepareGreen)) {
        return aborted();
      }
      return approveAndCutOver();
    } catch (TemporalFailure e) {
      throw fail(rootMessage(e));
    }
  }

  // ---- PREFLIGHT → VERIFYING ------------------------------------------------------------------

  private void prepareGreen() {
    state.phase(Phase.PREFLIGHT, "checking Blue " + describe(request.blue()) + " and Green " + describe(request.green()) + " (read-only)");
    PreflightReport plan = ActivityStubs.preflight().preflight(new PreflightInput(request.blue(), request.green(),
        request.collections(), request.switches(), request.copy().greenMustBeEmpty()));
    state.plan(plan);
    state.event("plan: " + plan.collections().size() + " collections, " + plan.totalDocuments() + " documents, "
        + plan.totalBytes() + " bytes; excluded " + excludedNames(plan.excluded()));
    for (String finding : plan.findings()) {
      state.event("preflight: " + finding);
    }

    state.phase(Phase.PROVISIONING, "writing Green's profile '" + request.green().profile() + "' (switches off) and service configs");
    ProvisionResult provisioned = ActivityStubs.provisioning().provisionGreen(
        new ProvisionInput(request.blue(), request.green(), request.switches()));
    state.event("provisioned Green profile '" + provisioned.profile() + "' and " + provisioned.serviceConfigs() + " service configs");

    state.phase(Phase.COPYING, "copying " + state.collectionNames().size() + " collections, "
        + request.copy().parallelCollections() + " at a time");
    ParallelCollections.run(state.collectionNames(), request.copy().parallelCollections(),
        name -> Async.function(
            ActivityStubs.copy("copy " + name + " " + state.documents(name) + " docs")::copyCollection,
            new CopyInput(request.blue(), request.green(), name, request.copy().batchSize(), request.copy().documentsPerSecond())),
        (name, result) -> {
          state.copied(result);
          state.event("copied " + name + ": " + result.documents() + " documents, " + result.indexes() + " indexes");
        });

    state.phase(Phase.VERIFYING, "comparing Blue and Green document by document");
    List<String> differing = verifyAndRepair(state.collectionNames());
    if (!differing.isEmpty()) {
      state.event("Green still differs from Blue in " + differing + " after " + MAX_REPAIR_ROUNDS
          + " repairs (Blue is changing); cutover repairs them again once Blue's jobs have drained, or send resync");
    }
  }

  /**
   * Verifies the collections and re-copies the differences until they match or the rounds run out.
   * Returns the collections that still differ.
   */
  private List<String> verifyAndRepair(List<String> names) {
    List<String> toCheck = names;
    for (int round = 0; ; round++) {
      Map<String, VerifyResult> results = new LinkedHashMap<>();
      ParallelCollections.run(toCheck, request.copy().parallelCollections(),
          name -> Async.function(ActivityStubs.copy("verify " + name + " " + state.documents(name) + " docs")::verifyCollection,
              new VerifyInput(request.blue(), request.green(), name, MAX_LISTED_DIFFERENCES)),
          (name, result) -> {
            state.verified(result);
            results.put(name, result);
          });
      List<String> differing = new ArrayList<>();
      for (VerifyResult r : results.values()) {
        if (r.match()) {
          state.event("verified " + r.collection() + ": " + r.blueDocuments() + " documents identical, digest " + shortDigest(r.blueDigest()));
        } else {
          differing.add(r.collection());
          state.event("differs " + r.collection() + ": missing " + r.missing() + ", extra " + r.extra() + ", changed "
              + r.changed() + " (first _ids " + r.sampleIds() + ")");
        }
      }
      if (differing.isEmpty() || round == MAX_REPAIR_ROUNDS) {
        return differing;
      }
      ParallelCollections.run(differing, request.copy().parallelCollections(),
          name -> Async.function(ActivityStubs.copy("resync " + name)::resyncCollection,
              new ResyncInput(request.blue(), request.green(), name)),
          (name, r) -> state.event("resynced " + name + ": inserted " + r.inserted() + ", replaced " + r.replaced()
              + ", deleted " + r.deleted()));
      toCheck = differing;
    }
  }

  /** Runs pre-cutover work so that an accepted abort cancels it. False when aborted. */
  private boolean runAbortable(Runnable work) {
    if (abortSignal != null) {
      return false;
    }
    abortable = Workflow.newCancellationScope(work);
    try {
      abortable.run();
      return abortSignal == null;
    } catch (ActivityFailure | CanceledFailure e) {
      if (abortSignal != null && isCancellation(e)) {
        return false;
      }
      throw e;
    } finally {
      abortable = null;
    }
  }

  // ---- AWAITING_APPROVAL → CUTTING_OVER → LIVE ------------------------------------------------

  private DeploymentStatus approveAndCutOver() {
    while (true) {
      Duration timeout = Duration.parse(request.approval().timeout());
      state.phase(Phase.AWAITING_APPROVAL, "Green is ready for review; approval times out at " + after(timeout));
      state.waitingFor("approveCutover, abort or resync (timeout " + request.approval().timeout() + ")");
      boolean signalled = Workflow.await(timeout, () -> approveSignal != null || abortSignal != null || resyncPending);
      if (abortSignal != null) {
        return aborted();
      }
      if (!signalled) {
        state.phase(Phase.ABORTED, "no approval within " + request.approval().timeout()
            + ": deployment aborted; Blue untouched, Green left as it is");
        return state.snapshot();
      }
      if (resyncPending) {
        resyncPending = false;
        boolean finished = runAbortable(() -> {
          state.phase(Phase.VERIFYING, "resync: re-verifying every collection and copying what changed on Blue");
          List<String> differing = verifyAndRepair(state.collectionNames());
          if (!differing.isEmpty()) {
            state.event("Green still differs from Blue in " + differing + " after resync");
          }
        });
        if (!finished) {
          return aborted();
        }
        continue;
      }
      OperatorSignal approval = approveSignal;
      approveSignal = null;
      switch (cutOver(approval)) {
        case LIVE:
          return live();
        case ENDED:
          return state.snapshot();
        case HALTED:
        default:
          break;
      }
    }
  }

  /** How a cutover attempt ended. */
  private enum CutoverOutcome {
    /** Green is live. */
    LIVE,
    /** Stopped safely with Blue live; back to waiting for approval. */
    HALTED,
    /** The operator ended the deployment during the cutover (Blue live again). */
    ENDED
  }

  /** Attempts the cutover; anything short of LIVE leaves Blue live. */
  private CutoverOutcome cutOver(OperatorSignal approval) {
    state.phase(Phase.CUTTING_OVER, "approved by " + approval.by() + ": cutting over to Green");
    if (request.green().health() != null && !greenHealthy()) {
      return CutoverOutcome.HALTED;
    }
    boolean blueTouched = false;
    try {
      blueTouched = true;
      setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), false);

      Duration drainTimeout = Duration.parse(request.cutover().drainTimeout());
      state.waitingFor("Blue's running jobs to finish (up to " + request.cutover().drainTimeout() + ")");
      DrainResult drain = ActivityStubs.drain(drainTimeout).waitForDrain(new DrainInput(request.blue(), request.cutover().drainTimeout()));
      if (!drain.drained()) {
        int version = Workflow.getVersion(DRAIN_TIMEOUT_ASKS_OPERATOR, Workflow.DEFAULT_VERSION, 1);
        if (version == Workflow.DEFAULT_VERSION) {
          setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), true);
          state.event("cutover halted: " + drain.runningJobs() + " jobs still running on Blue after "
              + request.cutover().drainTimeout() + "; Blue's startJobs is back on. Approve again to retry, or abort");
          return CutoverOutcome.HALTED;
        }
        CutoverOutcome decision = askAfterDrainTimeout(drain.runningJobs());
        if (decision != null) {
          return decision;
        }
      } else {
        state.event("Blue drained: no running jobs; re-verifying what changed on Blue meanwhile");
      }

      List<String> differing = verifyAndRepair(state.collectionNames());
      if (!differing.isEmpty()) {
        setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), true);
        state.event("cutover halted: Green still differs from Blue in " + differing
            + "; Blue's startJobs is back on. Resync or approve again");
        return CutoverOutcome.HALTED;
      }

      setSwitch(request.green(), GREEN, "startJobs", request.switches().startJobs(), true);
      setSwitch(request.green(), GREEN, "taskWorker", request.switches().taskWorker(), true);
      setSwitch(request.blue(), BLUE, "taskWorker", request.switches().taskWorker(), false);
      pointTraffic(GREEN);
      return CutoverOutcome.LIVE;
    } catch (TemporalFailure e) {
      if (blueTouched) {
        String cause = rootMessage(e);
        state.event("cutover failed: " + cause + "; restoring Blue as live");
        List<String> failed = restoreBlueAfterFailure();
        throw ApplicationFailure.newNonRetryableFailure("cutover failed: " + cause + (failed.isEmpty()
            ? "; Blue was restored as live"
            : "; restoring Blue also failed (" + String.join("; ", failed) + "): check both profiles' switches and the traffic key by hand"),
            FAILURE_TYPE);
      }
      throw e;
    }
  }

  /** The health gate before any switch moves: Blue is untouched when Green is not healthy. */
  private boolean greenHealthy() {
    HealthCheck check = request.green().health();
    state.waitingFor("Green's health check " + check.url() + " to pass");
    HealthResult health = ActivityStubs.healthGate(GREEN, check).checkHealth(new HealthInput(GREEN, check));
    if (health.healthy()) {
      state.event("Green is healthy (" + check.url() + ")");
      return true;
    }
    state.event("cutover halted before any switch: Green is unhealthy after " + health.consecutiveFailures()
        + " failed checks (last: " + health.lastFailure() + "); Blue untouched. Fix Green and approve again, or abort");
    return false;
  }

  /**
   * Blue's jobs did not finish in time and its startJobs is off: the operator decides. Returns
   * null to force the cutover, or how the deployment ends.
   */
  private CutoverOutcome askAfterDrainTimeout(long runningJobs) {
    Duration timeout = Duration.parse(request.approval().timeout());
    state.event("drain timed out: " + runningJobs + " jobs still running on Blue after " + request.cutover().drainTimeout()
        + "; Blue starts no new jobs meanwhile. approveCutover forces the cutover; abort or rollback turn Blue's startJobs back on");
    state.waitingFor("approveCutover to force the cutover with " + runningJobs
        + " jobs running on Blue, or abort/rollback (timeout " + request.approval().timeout() + ")");
    awaitingDrainDecision = true;
    boolean decided = Workflow.await(timeout, () -> approveSignal != null || abortSignal != null || rollbackSignal != null);
    awaitingDrainDecision = false;
    if (decided && abortSignal == null && rollbackSignal == null) {
      state.event("cutover forced by " + approveSignal.by() + " with " + runningJobs + " jobs still running on Blue");
      approveSignal = null;
      return null;
    }
    setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), true);
    if (rollbackSignal != null) {
      state.phase(Phase.ROLLED_BACK, "rollback by " + rollbackSignal.by() + " during the cutover: Blue's startJobs is back on");
    } else if (abortSignal != null) {
      state.phase(Phase.ABORTED, "aborted by " + abortSignal.by() + " during the cutover: Blue's startJobs is back on");
    } else {
      state.phase(Phase.ABORTED, "no decision within " + request.approval().timeout()
          + " after the drain timed out: Blue's startJobs is back on, deployment aborted");
    }
    return CutoverOutcome.ENDED;
  }

  private DeploymentStatus live() {
    Duration window = Duration.parse(request.failoverWindow());
    long deadline = Workflow.currentTimeMillis() + window.toMillis();
    String until = after(window);
    state.failoverUntil(until);
    state.phase(Phase.LIVE, "Green is live; Blue stays the failover until " + until);
    state.waitingFor("finalize or rollback (Blue remains the failover until " + until + ")");

    HealthCheck check = request.green().health();
    CancellationScope watchScope = null;
    Promise<HealthResult>[] watch = newPromiseHolder();
    if (check != null) {
      watchScope = Workflow.newCancellationScope(() -> watch[0] = Async.function(
          ActivityStubs.healthWatch(GREEN, check, window)::watchHealth, new HealthInput(GREEN, check)));
      watchScope.run();
      state.event("watching Green's health " + check.url() + " every " + check.interval()
          + "; more than " + check.failuresAllowed() + " failures in a row roll back automatically");
    }
    boolean watching = watch[0] != null;
    while (rollbackSignal == null && finalizeSignal == null) {
      long remaining = deadline - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        break;
      }
      boolean watchingNow = watching;
      Workflow.await(Duration.ofMillis(remaining),
          () -> rollbackSignal != null || finalizeSignal != null || (watchingNow && watch[0].isCompleted()));
      if (watching && watch[0].isCompleted() && rollbackSignal == null && finalizeSignal == null) {
        watching = false;
        HealthResult verdict = healthVerdict(watch[0]);
        if (verdict != null && !verdict.healthy()) {
          String reason = "Green failed " + verdict.consecutiveFailures() + " health checks in a row (last: "
              + verdict.lastFailure() + ")";
          state.signal(ROLLBACK, new OperatorSignal(HEALTH_GATE, reason), null);
          rollbackSignal = new OperatorSignal(HEALTH_GATE, reason);
        }
      }
    }
    if (watchScope != null) {
      watchScope.cancel("Green's failover window is over");
    }
    if (rollbackSignal != null) {
      state.failoverUntil(null);
      state.phase(Phase.ROLLING_BACK, "rollback by " + rollbackSignal.by() + ": turning Green off and Blue on");
      restoreBlue();
      state.phase(Phase.ROLLED_BACK, "Blue is live again; Green's workers are off and its data kept");
      return state.snapshot();
    }
    state.failoverUntil(null);
    state.phase(Phase.COMPLETED, finalizeSignal != null
        ? "finalized by " + finalizeSignal.by() + ": Green stays live"
        : "failover window " + request.failoverWindow() + " ended: Green stays live");
    return state.snapshot();
  }

  /** The watch's verdict, or null when the watch itself failed (then Green is no longer watched). */
  private HealthResult healthVerdict(Promise<HealthResult> watch) {
    try {
      return watch.get();
    } catch (TemporalFailure e) {
      state.event("health watch stopped: " + rootMessage(e) + "; Green stays live, unwatched");
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Promise<HealthResult>[] newPromiseHolder() {
    return (Promise<HealthResult>[]) new Promise[1];
  }

  /** Green off, Blue on, traffic to Blue: the reverse of the cutover, safe to repeat. */
  private void restoreBlue() {
    setSwitch(request.green(), GREEN, "startJobs", request.switches().startJobs(), false);
    setSwitch(request.green(), GREEN, "taskWorker", request.switches().taskWorker(), false);
    setSwitch(request.blue(), BLUE, "taskWorker", request.switches().taskWorker(), true);
    setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), true);
    pointTraffic(BLUE);
  }

  /**
   * After a failed cutover: Blue first, since it must serve again, and every step tried even when
   * another fails, because a half-restored Blue is the worst place to stop. Returns what failed.
   */
  private List<String> restoreBlueAfterFailure() {
    List<String> failed = new ArrayList<>();
    List<Runnable> steps = List.of(
        () -> setSwitch(request.blue(), BLUE, "taskWorker", request.switches().taskWorker(), true),
        () -> setSwitch(request.blue(), BLUE, "startJobs", request.switches().startJobs(), true),
        () -> pointTraffic(BLUE),
        () -> setSwitch(request.green(), GREEN, "startJobs", request.switches().startJobs(), false),
        () -> setSwitch(request.green(), GREEN, "taskWorker", request.switches().taskWorker(), false));
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (TemporalFailure e) {
        failed.add(rootMessage(e));
        state.event("restore step failed: " + rootMessage(e));
      }
    }
    return failed;
  }

  private void setSwitch(PlatformSpec platform, String colour, String name, String path, boolean on) {
    SwitchResult r = ActivityStubs.cutover("set " + colour + " " + name + " " + (on ? "on" : "off"))
        .setSwitch(new SwitchInput(platform, colour, name, path, on));
    state.event(colour + " " + name + " " + (on ? "on" : "off") + " (was " + r.previous() + ")");
  }

  private void pointTraffic(String colour) {
    ActivityStubs.cutover("point traffic at " + colour)
        .pointTraffic(new TrafficInput(request.cutover().trafficRedis(), request.cutover().trafficKey(), colour,
            request.deployment(), DeploymentState.now()));
    state.activeColour(colour);
    state.event("traffic key " + request.cutover().trafficKey() + " = " + colour);
    TrafficWebhook webhook = request.cutover().webhook();
    if (webhook != null) {
      WebhookResult r = ActivityStubs.cutover("tell " + webhook.url() + " traffic is " + colour)
          .notifyTraffic(new WebhookInput(webhook, colour, request.deployment(), DeploymentState.now()));
      state.event("traffic webhook " + webhook.method() + " " + webhook.url() + " answered " + r.status());
    }
  }

  private DeploymentStatus aborted() {
    state.phase(Phase.ABORTED, "aborted by " + abortSignal.by()
        + (abortSignal.reason() == null ? "" : " (" + abortSignal.reason() + ")")
        + ": Blue untouched, Green left as it is for inspection");
    return state.snapshot();
  }

  private ApplicationFailure fail(String message) {
    state.error(message);
    state.phase(Phase.FAILED, message);
    log.warn("deployment={} failed: {}", state.snapshot().deployment(), message);
    return ApplicationFailure.newNonRetryableFailure(message, FAILURE_TYPE, state.snapshot());
  }

  // ---- signals and query ----------------------------------------------------------------------

  @Override
  public void approveCutover(OperatorSignal signal) {
    if (accept(APPROVE_CUTOVER, signal, approveSignal != null ? "already approved: the cutover is starting" : null)) {
      approveSignal = orAnonymous(signal);
    }
  }

  @Override
  public void rollback(OperatorSignal signal) {
    if (accept(ROLLBACK, signal, rollbackSignal != null ? "a rollback is already under way" : null)) {
      rollbackSignal = orAnonymous(signal);
    }
  }

  @Override
  public void abort(OperatorSignal signal) {
    if (accept(ABORT, signal, abortSignal != null ? "already aborting" : null)) {
      abortSignal = orAnonymous(signal);
      if (abortable != null) {
        abortable.cancel("abort by " + abortSignal.by());
      }
    }
  }

  @Override
  public void resync(OperatorSignal signal) {
    if (accept(RESYNC, signal, resyncPending ? "a resync is already requested" : null)) {
      resyncPending = true;
    }
  }

  @Override
  public void finalizeDeployment(OperatorSignal signal) {
    if (accept(FINALIZE, signal, finalizeSignal != null ? "already finalizing" : null)) {
      finalizeSignal = orAnonymous(signal);
    }
  }

  @Override
  public DeploymentStatus status() {
    return state.snapshot();
  }

  /** Records the signal as accepted or rejected; a rejected signal changes nothing else. */
  private boolean accept(String signal, OperatorSignal s, String duplicate) {
    String rejection = SignalPolicy.rejection(signal, state.phase(), awaitingDrainDecision);
    if (rejection == null) {
      rejection = duplicate;
    }
    state.signal(signal, orAnonymous(s), rejection);
    return rejection == null;
  }

  private static OperatorSignal orAnonymous(OperatorSignal s) {
    if (s == null) {
      return new OperatorSignal("unknown", null);
    }
    return s.by() == null || s.by().isBlank() ? new OperatorSignal("unknown", s.reason()) : s;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String describe(PlatformSpec p) {
    return p.database() + "@" + p.mongo() + " / redis " + p.redis() + " db " + p.redisDb() + " / profile " + p.profile();
  }

  private static String excludedNames(List<ExcludedCollection> excluded) {
    List<String> names = new ArrayList<>();
    for (ExcludedCollection e : excluded) {
      names.add(e.name());
    }
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }

  private static String shortDigest(String digest) {
    return digest == null || digest.length() < 12 ? String.valueOf(digest) : digest.substring(0, 12);
  }

  private static String after(Duration d) {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(d).toString();
  }

  private static boolean isCancellation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, which is the one that says what to fix. */
  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        message = af.getOriginalMessage();
      } else if (t instanceof TemporalFailure tf && tf.getOriginalMessage() != null && !tf.getOriginalMessage().isEmpty()) {
        message = tf.getOriginalMessage();
      }
    }
    return message;
  }
}
