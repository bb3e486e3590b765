package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.ConfigBaselineInput;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.SyncPass;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upgrade's three-way sync, as the workflow sees it: the baseline recorded once Green is
 * verified identical, then passes that carry Blue's later changes to Green, keep Green's own (its
 * new release's migrations) and stop at conflicts. The baseline lives on Green's server, keyed by
 * the workflow id, its first run's id and Green's database: one baseline per run, never another
 * deployment's. History only ever holds counts and a capped list of conflicts.
 */
final class ThreeWaySync {
  /** Conflicts listed in the status and history; the rest are counted. */
  static final int MAX_LISTED_CONFLICTS = 20;

  private final DeploymentRequest request;
  private final Duration finalSyncTimeout;
  private final DeploymentState state;
  private final String key;

  /**
   * From the moment PrepareBaseline (generation 2; RecordBaseline before it) is scheduled: whatever
   * it recorded goes when the deployment closes.
   */
  private boolean baselineStarted;

  private boolean closed;

  ThreeWaySync(ResolvedRequest request, DeploymentState state) {
    this.request = request.raw();
    this.finalSyncTimeout = request.finalSyncTimeout();
    this.state = state;
    this.key = key(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getFirstExecutionRunId());
  }

  /**
   * The baseline's key: a later deployment under the same workflow id is another run, with another
   * key.
   */
  static String key(String workflowId, String firstRunId) {
    return workflowId + "@" + firstRunId;
  }

  /** This run's baseline key (see {@link #key(String, String)}). */
  String key() {
    return key;
  }

  /** Whether a baseline was recorded and is still there (not yet dropped at the end). */
  boolean baselineOpen() {
    return baselineStarted && !closed;
  }

  /**
   * At PREFLIGHT, before Green is written: a baseline another run left for Green's database is
   * refused (or dropped, when the request says so), and Green's own documents are recorded when
   * Green need not be empty.
   */
  void prepare(List<String> collections) {
    boolean mustBeEmpty = !Boolean.FALSE.equals(request.copy().greenMustBeEmpty());
    boolean window = state.generation() >= Versions.WINDOW;
    PrepareBaselineResult r;
    try {
      r =
          ActivityStubs.sync("preflight: other runs' baselines for Green's database")
              .prepareBaseline(
                  new PrepareBaselineInput(
                      request.green(),
                      key,
                      collections,
                      mustBeEmpty,
                      Boolean.TRUE.equals(request.sync().dropStaleBaselines())));
    } catch (ActivityFailure e) {
      // Refused at PREFLIGHT (another run's baseline): this run wrote nothing, so nothing to drop.
      // Cut off any other way, it may have claimed the run's key: the end drops it.
      baselineStarted |= window && !refusedAtPreflight(e);
      throw e;
    }
    // The run's owner document (and Green's own ids) now exist: an end before RecordBaseline
    // drops them too, or the next deployment to this Green finds them stale.
    baselineStarted |= window;
    for (String stale : r.staleBaselines()) {
      state.event(
          "preflight: dropped the baseline another run left for Green's database ("
              + stale
              + ", sync.dropStaleBaselines)");
    }
    if (!mustBeEmpty) {
      state.event(
          "preflight: Green already holds "
              + r.greenOwnDocuments()
              + " documents in the collections to copy: Green's own, left out of the baseline");
    }
  }

  private static boolean refusedAtPreflight(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure a
        && FailureTypes.PREFLIGHT_FAILED.equals(a.getType());
  }

  /**
   * Right after PROVISIONING: what Blue's profile and service configs are, to report later changes.
   */
  void recordConfigBaseline() {
    ActivityStubs.sync("remember Blue's profile and service configs")
        .recordConfigBaseline(
            new ConfigBaselineInput(request.blue(), request.green(), key, switchPaths()));
  }

  /**
   * The profile fields bluegreen toggles itself, if any: a platform switched through its API names
   * none.
   */
  private List<String> switchPaths() {
    List<String> paths = new ArrayList<>();
    if (request.switches().startJobs() != null) {
      paths.add(request.switches().startJobs());
    }
    if (request.switches().taskWorker() != null) {
      paths.add(request.switches().taskWorker());
    }
    return paths;
  }

  /**
   * Once Green is verified: the baseline of every document bluegreen wrote to Green (Blue's, as of
   * its copy or repair); then Green may start its new release.
   */
  void recordBaseline(List<String> collections) {
    baselineStarted = true;
    BaselineResult r =
        ActivityStubs.sync("record the baseline of " + collections.size() + " collections")
            .recordBaseline(
                new BaselineInput(
                    request.blue(),
                    request.green(),
                    key,
                    collections,
                    request.copy().parallelCollections()));
    long recorded = 0;
    long differing = 0;
    for (BaselineResult.Collection c : r.collections()) {
      recorded += c.recorded();
      differing += c.differing();
    }
    state.greenMayStart();
    state.event(
        "baseline recorded: "
            + recorded
            + " documents as bluegreen wrote them to Green"
            + (differing > 0
                ? ", "
                    + differing
                    + " of Green's own from before the copy left out (a later change to them on both sides is a conflict)"
                : "")
            + ". Green may now be started on its new release: its own changes (migrations) are kept from here on");
  }

  /**
   * One pass ({@link SyncPass#FULL} or {@link SyncPass#FINAL}) with {@code policy}; returns how
   * many conflicts it left.
   */
  long pass(SyncPass pass, SyncPolicy policy) {
    String summary = pass + " three-way sync of " + state.collectionNames().size() + " collections";
    SyncResult r =
        (pass == SyncPass.FINAL
                ? ActivityStubs.finalSync(summary, finalSyncTimeout)
                : ActivityStubs.sync(summary))
            .syncCollections(
                new SyncInput(
                    request.blue(),
                    request.green(),
                    key,
                    state.collectionNames(),
                    request.collections(),
                    policy,
                    pass.wire(),
                    MAX_LISTED_CONFLICTS,
                    request.copy().parallelCollections()));
    state.synced(r);
    SyncPassEvents.tell(state, pass, r);
    return r.totalConflicts();
  }

  /** The request's conflict policy, overridden by a resync decision's. */
  SyncPolicy policy(OperatorSignal decision) {
    Map<String, String> perCollection = new LinkedHashMap<>(request.sync().collections());
    String fallback = request.sync().conflicts();
    if (decision != null) {
      if (decision.policy() != null) {
        fallback = decision.policy();
      }
      if (decision.policies() != null) {
        perCollection.putAll(decision.policies());
      }
    }
    return new SyncPolicy(fallback, perCollection);
  }

  /**
   * When the deployment closes: the baseline goes, from the moment its recording started, unless
   * the deployment {@code completed} and the request keeps it. Detached from cancellation and
   * bounded ({@link ActivityStubs#dropBaseline}); best effort, reported.
   */
  void close(boolean completed) {
    if (!baselineStarted || closed) {
      return;
    }
    closed = true;
    if (completed && Boolean.TRUE.equals(request.sync().keepBaseline())) {
      state.event("baseline kept on Green's server (sync.keepBaseline)");
      return;
    }
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                ActivityStubs.dropBaseline()
                    .dropBaseline(new DropBaselineInput(request.green(), key));
                state.event("baseline dropped from Green's server");
              } catch (TemporalFailure e) {
                state.event(
                    "could not drop the baseline from Green's server ("
                        + FailureMessages.root(e)
                        + "); remove it by hand from the state database, or the next deployment to this Green database"
                        + " refuses it at PREFLIGHT (sync.dropStaleBaselines drops it)");
              }
            })
        .run();
  }
}
