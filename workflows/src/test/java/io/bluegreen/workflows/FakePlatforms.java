package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.*;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.BlueJobs;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blue and Green held in memory, behind the real activity interfaces, for workflow tests on the
 * test server. The activities' MongoDB/Redis behaviour is tested against real servers elsewhere;
 * here we check what the workflow asks for and in which order. Knobs let a test make a step fail,
 * hang, or find differences.
 */
class FakePlatforms
    implements PreflightActivities,
        ProvisioningActivities,
        CollectionCopyActivities,
        CutoverActivities,
        HealthActivities,
        SyncActivities,
        GreenChangesActivities {
  final Map<String, Long> blueCollections = new LinkedHashMap<>();
  final Map<String, Long> greenCollections = new ConcurrentHashMap<>();
  final Map<String, Boolean> switches = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile String traffic;
  volatile String preflightFailure;
  volatile String failSwitch;

  /** Verification reports a difference this many times per collection before it matches. */
  volatile int differencesPerCollection;

  /**
   * The differences verification finds are documents only Green holds (none missing or changed).
   */
  volatile boolean greenOnlyDifferences;

  final List<ResyncInput> resyncInputs = new CopyOnWriteArrayList<>();
  volatile boolean drains = true;

  /**
   * Blue's jobs that are neither complete nor canceled (id to status), as the drain reports them.
   */
  final Map<String, String> blueJobs = new ConcurrentHashMap<>();

  /** What cancelBlueJobs cancels: the ids of blueJobs at the time of the drain. */
  final List<String> blueJobIds = new CopyOnWriteArrayList<>();

  volatile CountDownLatch copyGate;
  volatile boolean greenHealthy = true;

  /**
   * Staggers activity completions (per collection) so each reaches the workflow on its own, as in
   * production.
   */
  volatile long staggerMillis;

  /** When set, the health watch reports Green unhealthy once this latch opens. */
  volatile CountDownLatch greenFails;

  final List<String> webhookCalls = new CopyOnWriteArrayList<>();

  /**
   * How Green's switches behave: null works, "5xx" fails retryably, "hang" never answers (no
   * heartbeat).
   */
  volatile String greenSwitchMode;

  /** How the webhook answers: null works, "4xx" refuses (permanent), "5xx" fails retryably. */
  volatile String webhookFailure;

  /** When set, the health gate waits (heartbeating) until it opens. */
  volatile CountDownLatch healthGate;

  /**
   * Blue's startJobs "off" hangs until the restore turns it back on, and then lands late: the
   * restore's "on" returns only after that late "off" was written (a deterministic worst case).
   */
  volatile boolean blueOffLandsLate;

  private final CountDownLatch lateOffMayLand = new CountDownLatch(1);
  private final CountDownLatch lateOffLanded = new CountDownLatch(1);

  /** Turning a Blue switch back on fails (retryably) while this is true: Blue's own API is down. */
  volatile boolean blueOnFails;

  /** The move of traffic to Green hangs until the restore pointed it at Blue, then lands. */
  volatile boolean trafficToGreenLandsLate;

  private final CountDownLatch lateTrafficMayLand = new CountDownLatch(1);
  private final CountDownLatch lateTrafficLanded = new CountDownLatch(1);

  /** When set, turning a Blue switch back on waits (heartbeating) until it opens. */
  volatile CountDownLatch blueOnGate;

  /** When set, the drain waits (heartbeating) until it opens. */
  volatile CountDownLatch drainGate;

  final Map<String, AtomicInteger> verifyCount = new ConcurrentHashMap<>();

  FakePlatforms(int collections, long docsEach) {
    for (int i = 0; i < collections; i++) {
      blueCollections.put("collection_" + i, docsEach);
    }
    switches.put("blue.startJobs", true);
    switches.put("blue.taskWorker", true);
  }

  @Override
  public PreflightReport preflight(PreflightInput input) {
    calls.add("preflight");
    if (preflightFailure != null) {
      throw ApplicationFailure.newNonRetryableFailure(preflightFailure, PREFLIGHT_FAILED);
    }
    List<PlannedCollection> planned = new ArrayList<>();
    long total = 0;
    for (var e : blueCollections.entrySet()) {
      planned.add(new PlannedCollection(e.getKey(), e.getValue(), e.getValue() * 100, 1));
      total += e.getValue();
    }
    return new PreflightReport(
        planned,
        List.of(new ExcludedCollection("jobs", "runtime data")),
        total,
        total * 100,
        List.of());
  }

  @Override
  public ProvisionResult provisionGreen(ProvisionInput input) {
    calls.add("provision");
    switches.put("green.startJobs", false);
    switches.put("green.taskWorker", false);
    return new ProvisionResult(input.green().profile(), 2);
  }

  @Override
  public CopyResult copyCollection(CopyInput input) {
    calls.add("copy " + input.collection());
    CountDownLatch gate = copyGate;
    if (gate != null) {
      // Heartbeat while held, so that a cancellation (abort) reaches the activity.
      while (gate.getCount() > 0) {
        Activity.getExecutionContext().heartbeat(null);
        try {
          gate.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RuntimeException(e);
        }
      }
    }
    stagger(input.collection());
    long docs = blueCollections.get(input.collection());
    greenCollections.put(input.collection(), docs);
    return new CopyResult(input.collection(), docs, docs * 100, 1);
  }

  /** The ranges a split gives; none by default (each collection is copied whole). */
  volatile List<IdRange> ranges = List.of();

  @Override
  public RangeSplit splitCollection(RangeSplitInput input) {
    calls.add("split " + input.collection());
    return new RangeSplit(input.collection(), 1, ranges);
  }

  @Override
  public VerifyResult verifyCollection(VerifyInput input) {
    calls.add("verify " + input.collection());
    stagger(input.collection());
    int n =
        verifyCount.computeIfAbsent(input.collection(), k -> new AtomicInteger()).incrementAndGet();
    long docs = blueCollections.get(input.collection());
    boolean match =
        n > differencesPerCollection
            && greenCollections.getOrDefault(input.collection(), -1L) == docs;
    boolean extra = greenOnlyDifferences;
    return new VerifyResult(
        input.collection(),
        docs,
        greenCollections.getOrDefault(input.collection(), 0L),
        "b".repeat(64),
        match ? "b".repeat(64) : "c".repeat(64),
        0,
        match || !extra ? 0 : 1,
        match || extra ? 0 : 1,
        match ? List.of() : List.of("{\"$oid\": \"65f000000000000000000001\"}"),
        match);
  }

  private void stagger(String collection) {
    if (staggerMillis > 0) {
      try {
        Thread.sleep(staggerMillis * (1 + Math.abs(collection.hashCode()) % 5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public VerifyCollectionsResult verifyCollections(VerifyCollectionsInput input) {
    List<VerifyResult> results = new ArrayList<>();
    for (String name : input.collections()) {
      results.add(
          verifyCollection(new VerifyInput(input.blue(), input.green(), name, input.maxListed())));
    }
    return new VerifyCollectionsResult(results);
  }

  @Override
  public ResyncResult resyncCollection(ResyncInput input) {
    calls.add("resync " + input.collection());
    resyncInputs.add(input);
    return new ResyncResult(input.collection(), 0, 1, 0);
  }

  @Override
  public SwitchResult setSwitch(SwitchInput input) {
    String key = input.colour() + "." + input.switchName();
    calls.add("switch " + key + "=" + input.on());
    if (blueOffLandsLate && key.equals("blue.startJobs")) {
      if (!input.on()) {
        await(lateOffMayLand); // the attempt hangs (no heartbeat) ...
        switches.put(key, false); // ... and lands after the restore turned Blue on
        lateOffLanded.countDown();
        return new SwitchResult(input.colour(), input.switchName(), true, false);
      }
      if (lateOffMayLand.getCount() > 0) {
        Boolean previous = switches.put(key, true);
        lateOffMayLand.countDown();
        await(lateOffLanded);
        return new SwitchResult(input.colour(), input.switchName(), previous, true);
      }
    }
    if (input.colour() == Colour.BLUE && input.on()) {
      hold(blueOnGate);
      if (blueOnFails) {
        throw new IllegalStateException("blue's Workflow Engine API answered HTTP 503");
      }
    }
    if (input.colour() == Colour.GREEN) {
      String mode = greenSwitchMode;
      if ("5xx".equals(mode)) {
        throw new IllegalStateException("green's Workflow Engine API answered HTTP 503");
      }
      while ("hang".equals(greenSwitchMode)) {
        sleep(50); // an API that accepts the call and never answers: no heartbeat either
      }
    }
    if (key.equals(failSwitch)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no iap_profiles document with id 'green' in itential_green", "ProfileMissing");
    }
    Boolean previous = switches.put(key, input.on());
    return new SwitchResult(input.colour(), input.switchName(), previous, input.on());
  }

  @Override
  public SwitchResult readSwitch(SwitchInput input) {
    String key = input.colour() + "." + input.switchName();
    calls.add("read " + key);
    Boolean now = switches.get(key);
    // Before a deployment Blue's switches are on and Green's off, unless a test set them.
    Boolean state = now != null ? now : input.colour() == Colour.BLUE;
    return new SwitchResult(input.colour(), input.switchName(), state, state);
  }

  @Override
  public CancelJobsResult cancelBlueJobs(CancelJobsInput input) {
    calls.add("cancel blue jobs");
    List<String> ids = new ArrayList<>(blueJobIds);
    blueJobIds.clear();
    return new CancelJobsResult(ids.size(), ids, (ids.size() + 99) / 100, List.of());
  }

  @Override
  public DrainResult waitForDrain(DrainInput input) {
    calls.add("drain");
    hold(drainGate);
    if (blueJobs.isEmpty()) {
      return drains ? new DrainResult(true, 0) : new DrainResult(false, 3);
    }
    if (drains) {
      blueJobs.values().removeIf(BlueJobs.RUNNING::equals); // they finished
    }
    Map<String, Long> byStatus = new TreeMap<>();
    List<BlueJobs.Job> listed = new ArrayList<>();
    new TreeMap<>(blueJobs)
        .forEach(
            (id, status) -> {
              byStatus.merge(status, 1L, Long::sum);
              listed.add(new BlueJobs.Job(id, status, null));
            });
    blueJobIds.clear();
    blueJobIds.addAll(new TreeMap<>(blueJobs).keySet());
    long running = byStatus.getOrDefault(BlueJobs.RUNNING, 0L);
    return new DrainResult(running == 0, running, new BlueJobs(blueJobs.size(), byStatus, listed));
  }

  @Override
  public TrafficResult pointTraffic(TrafficInput input) {
    calls.add("traffic " + input.colour());
    if (trafficToGreenLandsLate
        && input.colour() == Colour.GREEN
        && lateTrafficMayLand.getCount() > 0) {
      await(lateTrafficMayLand); // the attempt hangs (no heartbeat) ...
      traffic = "green"; // ... and lands after the restore pointed traffic at Blue
      lateTrafficLanded.countDown();
      return new TrafficResult("blue", Colour.GREEN);
    }
    if (trafficToGreenLandsLate
        && input.colour() == Colour.BLUE
        && lateTrafficMayLand.getCount() > 0) {
      traffic = "blue";
      lateTrafficMayLand.countDown();
      await(lateTrafficLanded);
      return new TrafficResult("green", Colour.BLUE);
    }
    String previous = traffic;
    traffic = input.colour().wire();
    return new TrafficResult(previous, input.colour());
  }

  @Override
  public WebhookResult notifyTraffic(WebhookInput input) {
    calls.add("webhook " + input.colour());
    webhookCalls.add(input.webhook().method() + " " + input.webhook().url() + " " + input.colour());
    if ("4xx".equals(webhookFailure)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "traffic webhook: " + input.webhook().url() + " answered HTTP 404", "HttpRefused");
    }
    if ("5xx".equals(webhookFailure)) {
      throw new IllegalStateException(
          "traffic webhook: " + input.webhook().url() + " answered HTTP 502");
    }
    return new WebhookResult(input.colour(), 204);
  }

  @Override
  public HealthResult checkHealth(HealthInput input) {
    calls.add("health " + input.colour());
    hold(healthGate);
    return greenHealthy
        ? new HealthResult(input.colour(), true, 1, 0, null)
        : new HealthResult(input.colour(), false, 4, 4, "HTTP 503");
  }

  @Override
  public HealthResult watchHealth(HealthInput input) {
    calls.add("watch " + input.colour());
    while (true) {
      Activity.getExecutionContext().heartbeat(null);
      CountDownLatch fails = greenFails;
      try {
        if (fails != null && fails.await(100, TimeUnit.MILLISECONDS)) {
          return new HealthResult(input.colour(), false, 12, 4, "HTTP 500");
        }
        if (fails == null) {
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeException(e);
      }
    }
  }

  /** Waits, heartbeating so that a cancellation reaches the activity, until the gate opens. */
  private static void hold(CountDownLatch gate) {
    while (gate != null && gate.getCount() > 0) {
      Activity.getExecutionContext().heartbeat(null);
      try {
        gate.await(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeException(e);
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  // ---- the three-way sync ---------------------------------------------------------------------

  /**
   * Conflicts every sync pass finds under "halt" in the first collection, until a pass resolves
   * them with a policy.
   */
  volatile int conflicts;

  /** Documents each sync pass carries from Blue (as updates) per collection. */
  volatile int blueChangesPerPass;

  /** Green's own changes each full pass reports kept per collection. */
  volatile int greenOwnChanges;

  /** A collection Blue created after the copy, reported created by the next pass. */
  volatile String newBlueCollection;

  final List<SyncInput> syncInputs = new CopyOnWriteArrayList<>();

  /**
   * Baselines other runs left for Green's database, as PREFLIGHT finds them (dropped only when the
   * request says so).
   */
  final List<String> staleBaselines = new CopyOnWriteArrayList<>();

  final List<PrepareBaselineInput> prepareInputs = new CopyOnWriteArrayList<>();

  /**
   * A RecordBaseline that waits (heartbeating, so a cancellation reaches it) until the gate opens.
   */
  volatile CountDownLatch baselineGate;

  @Override
  public PrepareBaselineResult prepareBaseline(PrepareBaselineInput input) {
    calls.add("prepare-baseline");
    prepareInputs.add(input);
    if (!staleBaselines.isEmpty() && !input.dropStaleBaselines()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Green's database '"
              + input.green().database()
              + "' has a three-way sync baseline left by another deployment run",
          FailureTypes.PREFLIGHT_FAILED);
    }
    List<String> dropped = List.copyOf(staleBaselines);
    staleBaselines.clear();
    return new PrepareBaselineResult(dropped, 0);
  }

  @Override
  public BaselineResult recordBaseline(BaselineInput input) {
    calls.add("baseline " + input.collections().size());
    hold(baselineGate);
    List<BaselineResult.Collection> out = new ArrayList<>();
    for (String c : input.collections()) {
      out.add(new BaselineResult.Collection(c, blueCollections.getOrDefault(c, 0L), 0, false));
    }
    return new BaselineResult(out);
  }

  @Override
  public ConfigBaselineResult recordConfigBaseline(ConfigBaselineInput input) {
    calls.add("config-baseline");
    return new ConfigBaselineResult(true, 2);
  }

  @Override
  public SyncResult syncCollections(SyncInput input) {
    calls.add("sync " + input.pass());
    syncInputs.add(input);
    List<SyncCollectionResult> out = new ArrayList<>();
    List<SyncConflict> samples = new ArrayList<>();
    long total = 0;
    for (String c : input.collections()) {
      long conflictsHere = 0;
      long resolved = 0;
      if (c.equals(input.collections().get(0)) && conflicts > 0) {
        if (SyncPolicy.HALT.equals(input.policy().forCollection(c))) {
          conflictsHere = conflicts;
          for (int i = 0; i < Math.min(conflicts, input.maxListedConflicts()); i++) {
            samples.add(
                new SyncConflict(
                    c, "{\"$oid\": \"65f00000000000000000000" + i + "\"}", "updated", "updated"));
          }
        } else {
          resolved = conflicts;
          conflicts = 0;
        }
      }
      total += conflictsHere;
      out.add(
          new SyncCollectionResult(
              c,
              0,
              blueChangesPerPass,
              0,
              input.pass().equals(SyncInput.FULL) ? greenOwnChanges : 0,
              conflictsHere,
              resolved,
              false,
              false,
              false,
              null));
    }
    String created = newBlueCollection;
    if (created != null) {
      newBlueCollection = null;
      out.add(new SyncCollectionResult(created, 7, 0, 0, 0, 0, 0, true, false, false, null));
    }
    return new SyncResult(input.pass(), out, samples, total, List.of());
  }

  // ---- Blue's changes while LIVE
  // ------------------------------------------------------------------

  /** What the next comparisons of Blue with the baseline find, one result each; then nothing. */
  final Queue<List<LiveCollectionResult>> liveFindings = new ConcurrentLinkedQueue<>();

  final List<LiveChangesInput> liveInputs = new CopyOnWriteArrayList<>();

  /** A comparison that waits (heartbeating, so a cancellation reaches it) until the gate opens. */
  volatile CountDownLatch liveGate;

  /**
   * The gated comparison does not heartbeat, so no cancellation reaches it: a workflow that waited
   * for it would wait until the gate opens.
   */
  volatile boolean liveDeaf;

  /** Comparisons that fail for good (not retried) before one answers. */
  final AtomicInteger liveFailures = new AtomicInteger();

  @Override
  public LiveChangesResult catchUpBlue(LiveChangesInput input) {
    calls.add("catch-up " + input.mode());
    liveInputs.add(input);
    if (liveDeaf) {
      await(liveGate);
    } else {
      hold(liveGate);
    }
    if (liveFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ApplicationFailure.newNonRetryableFailure("Blue's server is unreachable", "Test");
    }
    List<LiveCollectionResult> found = liveFindings.poll();
    return new LiveChangesResult(input.mode(), found == null ? List.of() : found);
  }

  @Override
  public DropBaselineResult dropBaseline(DropBaselineInput input) {
    calls.add("drop-baseline");
    return new DropBaselineResult(1);
  }

  // ---- Green's changes since the cutover
  // ------------------------------------------------------------

  /** Green's changes since the cutover, by collection: {created, changed, deleted} ids. */
  final Map<String, List<List<String>>> greenLiveChanges = new ConcurrentHashMap<>();

  /** Blue's documents Green's carry-back wrote, by collection. */
  final Map<String, List<String>> carriedToBlue = new ConcurrentHashMap<>();

  /** Ids Blue also changed since the baseline: a carry-back lists them as conflicts. */
  final List<String> blueAlsoChanged = new CopyOnWriteArrayList<>();

  /** When set, DiffGreen waits (heartbeating) until it opens. */
  volatile CountDownLatch diffGate;

  /** Collections made on Green after the cutover (name to documents), as DiffGreen names them. */
  final Map<String, Long> greenOnlyCollections = new ConcurrentHashMap<>();

  static final String MADE_ON_GREEN = "made on Green after the cutover";

  final List<CarryBackInput> carryBackInputs = new CopyOnWriteArrayList<>();

  @Override
  public GreenDiffResult diffGreen(GreenDiffInput input) {
    calls.add("diff-green");
    hold(diffGate);
    List<GreenCollectionChanges> out = new ArrayList<>();
    long created = 0;
    long changed = 0;
    long deleted = 0;
    for (String c : input.collections()) {
      List<List<String>> ch =
          greenLiveChanges.getOrDefault(c, List.of(List.of(), List.of(), List.of()));
      out.add(
          new GreenCollectionChanges(
              c,
              ch.get(0).size(),
              ch.get(1).size(),
              ch.get(2).size(),
              ch.get(0),
              ch.get(1),
              ch.get(2),
              null));
      created += ch.get(0).size();
      changed += ch.get(1).size();
      deleted += ch.get(2).size();
    }
    for (Map.Entry<String, Long> g :
        Boolean.TRUE.equals(input.greenOnly())
            ? new TreeMap<>(greenOnlyCollections).entrySet()
            : Set.<Map.Entry<String, Long>>of()) {
      out.add(
          new GreenCollectionChanges(
              g.getKey(), g.getValue(), 0, 0, List.of(), List.of(), List.of(), MADE_ON_GREEN));
      created += g.getValue();
    }
    return new GreenDiffResult(out, created, changed, deleted);
  }

  @Override
  public CarryBackResult carryBack(CarryBackInput input) {
    calls.add("carry-back " + input.collections());
    carryBackInputs.add(input);
    List<CarriedBack> out = new ArrayList<>();
    long inserted = 0;
    long updated = 0;
    long conflictsTotal = 0;
    for (String c : input.collections()) {
      List<List<String>> ch =
          greenLiveChanges.getOrDefault(c, List.of(List.of(), List.of(), List.of()));
      List<String> ins = new ArrayList<>();
      List<String> upd = new ArrayList<>();
      List<SyncConflict> conf = new ArrayList<>();
      for (String id : ch.get(0)) {
        ins.add(id);
      }
      for (String id : ch.get(1)) {
        if (blueAlsoChanged.contains(id)) {
          conf.add(new SyncConflict(c, id, "updated", "updated"));
        } else {
          upd.add(id);
        }
      }
      List<String> written = new ArrayList<>(ins);
      written.addAll(upd);
      carriedToBlue.put(c, written);
      out.add(
          new CarriedBack(
              c, ins.size(), upd.size(), 0, conf.size(), ins, upd, List.of(), conf, null));
      inserted += ins.size();
      updated += upd.size();
      conflictsTotal += conf.size();
    }
    return new CarryBackResult(out, inserted, updated, 0, conflictsTotal);
  }

  List<String> callsStartingWith(String prefix) {
    List<String> out = new ArrayList<>();
    for (String c : calls) {
      if (c.startsWith(prefix)) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
