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
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * One {@code SyncCollections} pass over every collection: listed again with PREFLIGHT's rules, each
 * decided by what Blue and Green hold now ({@link CollectionSync} for a collection both have,
 * {@link BlueDroppedCollection}, {@link GreenDroppedCollection}, views and time-series collections
 * here), conflicts gathered into one capped list, Blue's configuration changes reported.
 */
final class ThreeWayPass {
  private final Connections connections;
  private final Durability durability;
  private final SyncInput input;

  ThreeWayPass(Connections connections, Durability durability, SyncInput input) {
    this.connections = connections;
    this.durability = durability;
    this.input = input;
  }

  SyncResult run() {
    String pass = input.pass() == null ? SyncInput.FULL : input.pass();
    if (!pass.equals(SyncInput.FULL) && !pass.equals(SyncInput.FINAL)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "unknown sync pass '" + pass + "': use full or final", FailureTypes.INVALID_INPUT);
    }
    SyncPolicy policy = input.policy() == null ? SyncPolicy.halt() : input.policy();
    checkPolicies(policy);
    BaselineStore store =
        BaselineStore.of(connections, durability, input.blue(), input.green(), input.deployment());
    MongoDatabase blue = durability.reading(input.blue().mongo(), input.blue().database());
    MongoDatabase green = durability.writing(input.green().mongo(), input.green().database());

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
        CollectionTasks.run(
            List.copyOf(names),
            input.parallel(),
            (name, seen) ->
                syncOne(
                    name,
                    blueNames.contains(name),
                    blue,
                    green,
                    store,
                    policy.forCollection(name),
                    pass,
                    sink,
                    seen));

    if (pass.equals(SyncInput.FINAL)) {
      // Green comes on next: what it holds now is what "made after the cutover" is told from.
      GreenOnlyCollections.recordAtCutover(store, green);
    }
    samples.sort(Comparator.comparing(SyncConflict::collection).thenComparing(SyncConflict::id));
    List<ConfigChange> configChanges = configChanges(store, blue, input.blue());
    return new SyncResult(pass, results, List.copyOf(samples), total.get(), configChanges);
  }

  private SyncCollectionResult syncOne(
      String name,
      boolean onBlue,
      MongoDatabase blue,
      MongoDatabase green,
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
        return BlueDroppedCollection.check(name, green, onGreen, store);
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
      SyncCollectionResult r =
          GreenDroppedCollection.check(
              name, raw(blue, name), store, policy, CursorBatch.of(blue, name), sink, seen);
      // Every pass: a record from before the drop must not outlive it (Green may make the
      // collection again before the final pass carries the record over).
      GreenAtCutover.record(store, name, raw(green, name), CursorBatch.of(green, name), seen);
      return r;
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
            connections.mongo(input.green().mongo()),
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

  private static List<ConfigChange> configChanges(
      BaselineStore store, MongoDatabase blue, PlatformSpec blueSpec) {
    List<String> ignored = ConfigHashes.ignoredPaths(store);
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

  private static MongoCollection<RawBsonDocument> raw(MongoDatabase db, String name) {
    return db.getCollection(name, RawBsonDocument.class);
  }
}
