package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.BlueJobsReport;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.RestoreReport;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the {@code status} query shows, kept by the workflow as it goes. Times come from
 * {@link Workflow#currentTimeMillis()} so replay sees the same values.
 */
final class DeploymentState {
  /** The event trail is short on purpose: history holds the full record, status the latest. */
  static final int MAX_EVENTS = 50;

  private String deployment;
  private Phase phase = Phase.PREFLIGHT;
  private DeploymentRequest request;
  private Colour activeColour = Colour.BLUE;
  private final Map<String, CollectionProgress> collections = new LinkedHashMap<>();
  private final List<ExcludedCollection> excluded = new ArrayList<>();
  private final DecisionRecords decisions = new DecisionRecords();
  private RestoreReport restore;
  private LiveChanges liveChanges;
  private BlueJobsReport blueJobs;
  private List<SyncConflict> conflicts;
  private Long conflictsTotal;
  private List<ConfigChange> configChanges;
  private Boolean greenMayStart;
  private final List<DeploymentEvent> events = new ArrayList<>();
  private String waitingFor;
  private String error;
  private String failoverUntil;
  private String blueRelease;
  private String greenRelease;
  private GreenChanges greenChanges;
  private final DeploymentIndex index = new DeploymentIndex();

  /**
   * The first line of the details the Temporal UI shows: which deployment, from which Blue to which
   * Green.
   */
  private String headline = "";

  /** The workflow generation of this run ({@link Versions}): what its branches check. */
  private int generation = Versions.FLOOR;

  void start(String deployment, DeploymentRequest request) {
    this.deployment = deployment;
    this.request = request;
    index.started();
    headline = headline(deployment, request);
  }

  /** Set once, first thing in deploy(), from the generation marker. */
  void generation(int generation) {
    this.generation = generation;
  }

  /** The generation this run follows: {@code generation() >= Versions.WINDOW} guards a change. */
  int generation() {
    return generation;
  }

  /** Whether the start already carried the search attributes (nothing to ask the namespace). */
  boolean indexKnown() {
    return index.known();
  }

  /** The namespace's answer about its search attributes; an unindexed deployment says so once. */
  void indexed(SearchIndexResult answer) {
    String unindexed = index.learnt(answer, phase);
    if (unindexed != null) {
      event(unindexed);
      Workflow.getLogger(DeploymentState.class).warn("deployment={} {}", deployment, unindexed);
    }
  }

  /**
   * Shown by the Temporal UI however the deployment was started (the CLI also sets the static
   * summary). Under payload encryption it travels encoded, as a query result, like the status.
   */
  private static String headline(String deployment, DeploymentRequest request) {
    String blue = request == null || request.blue() == null ? "?" : request.blue().database();
    String green = request == null || request.green() == null ? "?" : request.green().database();
    return "**" + deployment + "**: Blue `" + blue + "` → Green `" + green + "`";
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase next, String message) {
    if (next != phase) {
      index.phase(next);
    }
    phase = next;
    waitingFor = null;
    event(message);
    Workflow.setCurrentDetails(headline + "\n\n" + phase + ": " + message);
  }

  void waitingFor(String what) {
    waitingFor = what;
    Workflow.setCurrentDetails(headline + "\n\n" + phase + ": waiting for " + what);
  }

  void activeColour(Colour colour) {
    activeColour = colour;
  }

  void failoverUntil(String time) {
    failoverUntil = time;
  }

  void error(String message) {
    error = message;
  }

  void event(String message) {
    events.add(new DeploymentEvent(now(), phase, message));
    if (events.size() > MAX_EVENTS) {
      events.remove(0);
    }
  }

  void plan(PreflightReport report) {
    for (PlannedCollection c : report.collections()) {
      collections.put(
          c.name(),
          new CollectionProgress(c.name(), c.documents(), c.bytes(), 0, 0, null, null, null, null));
    }
    excluded.addAll(report.excluded());
    // The releases preflight read (from each API, else the request), shown in status and audit.
    blueRelease = report.blueRelease();
    greenRelease = report.greenRelease();
  }

  void copied(CopyResult r) {
    collections.put(r.collection(), collections.get(r.collection()).copied(r.documents()));
  }

  void verified(VerifyResult r) {
    long differences = r.missing() + r.extra() + r.changed();
    collections.put(
        r.collection(),
        collections
            .get(r.collection())
            .verified(r.blueDocuments(), r.match(), r.blueDigest(), r.greenDigest(), differences));
  }

  /**
   * A sync pass: per-collection counts, new collections added to the list, the conflicts it found.
   */
  void synced(SyncResult r) {
    for (SyncCollectionResult c : r.collections()) {
      CollectionProgress p = collections.get(c.collection());
      if (p == null) {
        p = new CollectionProgress(c.collection(), 0, 0, 0, 0, null, null, null, null);
      }
      String note =
          c.droppedOnGreen()
              ? "dropped on Blue, and on Green (unchanged there)"
              : c.droppedOnBlue()
                  ? "dropped on Blue; kept on Green (changed there)"
                  : c.created() ? "created on Blue after the copy; created on Green" : c.note();
      collections.put(
          c.collection(),
          p.synced(c.inserted(), c.updated(), c.deleted(), c.greenKept(), c.conflicts(), note));
    }
    conflicts = new ArrayList<>(r.conflictSamples() == null ? List.of() : r.conflictSamples());
    conflictsTotal = r.totalConflicts();
    if (r.configChanges() != null && !r.configChanges().isEmpty()) {
      configChanges = new ArrayList<>(r.configChanges());
    }
  }

  void greenMayStart() {
    greenMayStart = true;
  }

  List<String> collectionNames() {
    return new ArrayList<>(collections.keySet());
  }

  boolean hasCollection(String collection) {
    return collections.containsKey(collection);
  }

  long documents(String collection) {
    return collections.get(collection).documents();
  }

  /** Records an operator decision (accepted when {@code rejection} is null) and tells it. */
  void decision(String decision, OperatorSignal s, String rejection) {
    event(decisions.record(decision, s, rejection, now(), phase));
  }

  /** Blue's changes after the final pass, as {@link BlueChangesWatch} last summed them up. */
  void liveChanges(LiveChanges changes) {
    liveChanges = changes;
  }

  void restore(RestoreReport report) {
    restore = report;
  }

  /** Blue's unfinished jobs when the cutover's drain ended, and what became of them. */
  void blueJobs(BlueJobsReport report) {
    blueJobs = report;
  }

  /** What was done on Green after the cutover, as last compared, and the carry-backs. */
  void greenChanges(GreenChanges changes) {
    greenChanges = changes;
  }

  GreenChanges greenChanges() {
    return greenChanges;
  }

  DeploymentStatus snapshot() {
    return new DeploymentStatus(
        deployment,
        phase,
        request == null ? null : request.blue(),
        request == null ? null : request.green(),
        activeColour,
        new ArrayList<>(collections.values()),
        new ArrayList<>(excluded),
        decisions.accepted(),
        decisions.rejected(),
        new ArrayList<>(events),
        waitingFor,
        error,
        failoverUntil,
        decisions.acceptedTotal(),
        decisions.rejectedTotal(),
        restore,
        conflicts == null ? null : new ArrayList<>(conflicts),
        conflictsTotal,
        configChanges == null ? null : new ArrayList<>(configChanges),
        greenMayStart,
        blueRelease,
        greenRelease,
        liveChanges,
        blueJobs,
        greenChanges);
  }

  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
