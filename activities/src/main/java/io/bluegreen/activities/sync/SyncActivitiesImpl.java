package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.activities.copy.CollectionOptions;
import io.bluegreen.activities.copy.CollectionPlanner;
import io.bluegreen.activities.copy.CursorBatch;
import io.bluegreen.activities.copy.GreenWrites;
import io.bluegreen.activities.copy.IndexCopier;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.ConfigBaselineInput;
import io.bluegreen.workflows.activities.ConfigBaselineResult;
import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.DropBaselineResult;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * The baseline and the three-way sync (see {@link SyncActivities}). Blue is only read. Each
 * activity is idempotent: a retry from scratch ends in the same Green and the same baseline.
 * Progress (documents looked at) is heartbeated; results are counts, never documents.
 */
public class SyncActivitiesImpl implements SyncActivities {
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final Durability durability;

  public SyncActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.durability = new Durability(connections);
  }

  @Override
  public BaselineResult recordBaseline(BaselineInput input) {
    return boundary.run(
        "RecordBaseline",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          MongoDatabase blue = blueDb(input.blue());
          MongoDatabase green = greenDb(input.green());
          List<BaselineResult.Collection> out =
              inParallel(
                  input.collections(),
                  input.parallel(),
                  (name, seen) -> {
                    if (CollectionKind.read(blue, name).type() != CollectionKind.Type.COLLECTION) {
                      // A view has no documents of its own; a missing collection has none to
                      // remember.
                      store.markEmpty(name);
                      return new BaselineResult.Collection(name, 0, 0, false);
                    }
                    return BaselineRecorder.record(
                        name, raw(green, name), store, CursorBatch.of(green, name), seen);
                  });
          return new BaselineResult(out);
        });
  }

  @Override
  public PrepareBaselineResult prepareBaseline(PrepareBaselineInput input) {
    return boundary.run(
        "PrepareBaseline", () -> new BaselinePreparation(connections, durability).prepare(input));
  }

  @Override
  public ConfigBaselineResult recordConfigBaseline(ConfigBaselineInput input) {
    return boundary.run(
        "RecordConfigBaseline",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          List<String> ignored = input.ignoredPaths() == null ? List.of() : input.ignoredPaths();
          Map<String, byte[]> hashes =
              ConfigHashes.of(blueDb(input.blue()), input.blue().profile(), ignored);
          ConfigHashes.save(store, hashes);
          store.saveConfigMeta(ignored);
          boolean profile =
              hashes.containsKey(ConfigHashes.PROFILES + ":" + input.blue().profile());
          return new ConfigBaselineResult(profile, hashes.size() - (profile ? 1 : 0));
        });
  }

  @Override
  public LiveChangesResult catchUpBlue(LiveChangesInput input) {
    return boundary.run("CatchUpBlue", () -> new LiveCatchUp(connections, durability).run(input));
  }

  @Override
  public DropBaselineResult dropBaseline(DropBaselineInput input) {
    return boundary.run(
        "DropBaseline",
        () ->
            new DropBaselineResult(
                BaselineStore.of(connections, durability, input.green(), input.deployment())
                    .dropAll()));
  }

  @Override
  public SyncResult syncCollections(SyncInput input) {
    return boundary.run("SyncCollections", () -> sync(input));
  }

  private SyncResult sync(SyncInput input) {
    String pass = input.pass() == null ? SyncInput.FULL : input.pass();
    if (!pass.equals(SyncInput.FULL) && !pass.equals(SyncInput.FINAL)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "unknown sync pass '" + pass + "': use full or final", FailureTypes.INVALID_INPUT);
    }
    SyncPolicy policy = input.policy() == null ? SyncPolicy.halt() : input.policy();
    checkPolicies(policy);
    BaselineStore store =
        BaselineStore.of(connections, durability, input.blue(), input.green(), input.deployment());
    MongoDatabase blue = blueDb(input.blue());
    MongoDatabase green = greenDb(input.green());

    // Listed again, with preflight's rules: what Blue created since is synced too, and what the
    // deployment knew (its list and every baselined collection) is checked for drops.
    TreeSet<String> blueNames = new TreeSet<>();
    blue.listCollectionNames().into(blueNames);
    TreeSet<String> names = new TreeSet<>(CollectionPlanner.select(blueNames, input.selection()));
    if (input.collections() != null) {
      names.addAll(input.collections());
    }
    names.addAll(store.baselinedCollections());

    int max = Math.max(0, input.maxListedConflicts());
    List<SyncConflict> samples = new ArrayList<>();
    AtomicLong total = new AtomicLong();
    CollectionSync.ConflictSink sink =
        c -> {
          total.incrementAndGet();
          synchronized (samples) {
            if (samples.size() < max) {
              samples.add(c);
            }
          }
        };
    List<SyncCollectionResult> results =
        inParallel(
            List.copyOf(names),
            input.parallel(),
            (name, seen) ->
                syncOne(
                    name,
                    blueNames.contains(name),
                    blue,
                    green,
                    input.green(),
                    store,
                    policy.forCollection(name),
                    pass,
                    sink,
                    seen));

    samples.sort(Comparator.comparing(SyncConflict::collection).thenComparing(SyncConflict::id));
    List<ConfigChange> configChanges = configChanges(store, blue, input.blue());
    return new SyncResult(pass, results, List.copyOf(samples), total.get(), configChanges);
  }

  private SyncCollectionResult syncOne(
      String name,
      boolean onBlue,
      MongoDatabase blue,
      MongoDatabase green,
      PlatformSpec greenSpec,
      BaselineStore store,
      String policy,
      String pass,
      CollectionSync.ConflictSink sink,
      LongConsumer seen) {
    CollectionKind kind =
        onBlue
            ? CollectionKind.read(blue, name)
            : new CollectionKind(name, CollectionKind.Type.ABSENT, new Document());
    CollectionKind onGreen = CollectionKind.read(green, name);
    switch (kind.type()) {
      case ABSENT -> {
        return dropped(name, green, onGreen, store);
      }
      case VIEW -> {
        boolean created = kind.createViewOn(green);
        String note =
            created || kind.sameView(onGreen)
                ? "view"
                : "view: Green's '" + name + "' is not Blue's view; left as it is";
        return new SyncCollectionResult(name, 0, 0, 0, 0, 0, 0, created, false, false, note);
      }
      case TIMESERIES -> {
        return new SyncCollectionResult(
            name,
            0,
            0,
            0,
            0,
            0,
            0,
            false,
            false,
            false,
            "not synced: " + CollectionKind.timeseriesRefusal(name));
      }
      default -> {}
    }
    if (onGreen.type() == CollectionKind.Type.ABSENT && store.recordedFromCollection(name)) {
      // Green held it when the baseline was recorded: its new release dropped or renamed it.
      return GreenDroppedCollection.check(
          name, raw(blue, name), store, policy, CursorBatch.of(blue, name), sink, seen);
    }
    boolean created = false;
    Document options = CollectionOptions.read(blue, name);
    if (onGreen.type() == CollectionKind.Type.ABSENT) {
      // New on Blue since PREFLIGHT (the baseline never held it): created with Blue's options and
      // indexes before its first document, as the copy does. Existing collections' indexes are
      // left alone: Green's release may have changed them on purpose.
      IndexCopier.copy(blue, green, name, options);
      created = true;
    }
    // Blue is the truth: a validator Green copied from Blue must not refuse what Blue holds (see
    // the copy).
    GreenWrites writer =
        GreenWrites.of(
            connections.mongo(greenSpec.mongo()),
            green,
            connections.stateDatabase(),
            name,
            CollectionOptions.hasValidator(options));
    CollectionSync s =
        new CollectionSync(
            name,
            raw(blue, name),
            raw(green, name),
            writer,
            store,
            policy,
            CursorBatch.of(blue, name),
            sink,
            seen);
    if (pass.equals(SyncInput.FINAL)) {
      s.fin();
    } else {
      s.full();
    }
    seen.accept(s.seen);
    return new SyncCollectionResult(
        name,
        s.inserted,
        s.updated,
        s.deleted,
        s.greenKept,
        s.conflicts,
        s.resolved,
        created,
        false,
        false,
        null);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while syncing");
    }
  }

  /** Blue no longer has the collection: Green's goes too only when it is exactly the baseline. */
  private SyncCollectionResult dropped(
      String name, MongoDatabase green, CollectionKind onGreen, BaselineStore store) {
    boolean gone = onGreen.type() == CollectionKind.Type.ABSENT;
    if (!gone
        && onGreen.type() == CollectionKind.Type.COLLECTION
        && store.recorded(name) >= 0
        && CollectionSync.unchangedFromBaseline(raw(green, name), store, name, 1000)) {
      green.getCollection(name).drop();
      gone = true;
    }
    if (gone) {
      store.forget(name);
      return new SyncCollectionResult(name, 0, 0, 0, 0, 0, 0, false, true, true, null);
    }
    return new SyncCollectionResult(
        name,
        0,
        0,
        0,
        0,
        0,
        0,
        false,
        true,
        false,
        "dropped on Blue; Green's copy differs from the baseline (or has none), so it is kept");
  }

  private List<ConfigChange> configChanges(
      BaselineStore store, MongoDatabase blue, PlatformSpec blueSpec) {
    List<String> ignored = store.configIgnoredPaths();
    if (ignored == null) {
      return List.of();
    }
    return ConfigHashes.changes(
        ConfigHashes.load(store), ConfigHashes.of(blue, blueSpec.profile(), ignored));
  }

  private static void checkPolicies(SyncPolicy policy) {
    String problem = ThreeWay.policyProblem(policy.defaultPolicy(), "(the default)");
    if (problem == null && policy.perCollection() != null) {
      for (Map.Entry<String, String> e : policy.perCollection().entrySet()) {
        problem = ThreeWay.policyProblem(e.getValue(), "for collection '" + e.getKey() + "'");
        if (problem != null) {
          break;
        }
      }
    }
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(problem, FailureTypes.INVALID_INPUT);
    }
  }

  private interface PerCollection<T> {
    T run(String name, LongConsumer seen) throws Exception;
  }

  /**
   * Runs one task per collection, {@code parallel} at a time. The documents looked at so far are
   * heartbeated (which also delivers cancellation), and a KeepAlive covers a slow first batch; a
   * failed collection fails the activity once the others stop.
   */
  private static <T> List<T> inParallel(List<String> names, int parallel, PerCollection<T> task) {
    if (names == null || names.isEmpty()) {
      return List.of();
    }
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    AtomicLong total = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallel, names.size())),
            r -> {
              Thread t = new Thread(r, "sync-" + ctx.getInfo().getActivityId());
              t.setDaemon(true);
              return t;
            });
    try (KeepAlive alive = new KeepAlive(ctx, 0L)) {
      List<Future<T>> futures = new ArrayList<>();
      for (String name : names) {
        long[] last = new long[1];
        LongConsumer seen =
            n -> {
              alive.progress(total.addAndGet(n - last[0]));
              last[0] = n;
            };
        Callable<T> call = () -> task.run(name, seen);
        futures.add(pool.submit(call));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(await(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private MongoDatabase blueDb(PlatformSpec spec) {
    return durability.reading(spec.mongo(), spec.database());
  }

  private MongoDatabase greenDb(PlatformSpec spec) {
    return durability.writing(spec.mongo(), spec.database());
  }

  private static MongoCollection<RawBsonDocument> raw(MongoDatabase db, String name) {
    return db.getCollection(name, RawBsonDocument.class);
  }
}
