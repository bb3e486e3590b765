package io.bluegreen.activities.sync;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * One deployment's baseline in the state database on Green's MongoDB server. Layout, per key {@code
 * K = D~G}: {@code D} the deployment (the workflow id and its first run's id, so a later deployment
 * under the same workflow id never reads this one's), {@code G} Green's database, each with
 * characters outside {@code [A-Za-z0-9_.-]} percent-encoded:
 *
 * <ul>
 *   <li>{@code K~own~<collection>}: {@code {_id}} of each document Green held before the copy
 *       (recorded at PREFLIGHT when Green need not be empty), left out of the baseline;
 *   <li>{@code K~c~<collection>~<generation>}: the collection's baseline as chunks of up to {@link
 *       BaselineChunks#CHUNK} entries ({@link BaselineEntry}) in {@code _id} order, {@code {_id:
 *       <chunk number>, ids: [<original _id>...], h: BinData(16 bytes per id)}}, each hash the
 *       first 16 bytes of SHA-256 over the document's BSON. Chunks, not one entry per document:
 *       reading the baseline is then a small part of a final pass (a server's cost is largely per
 *       document returned), and a pass writes the next generation as it merges, switched to at its
 *       end. Each writer's generation is a fresh random number, so two overlapping attempts never
 *       write into one collection;
 *   <li>{@code K~meta}: {@code {_id: "collection:<name>", recorded, generation}} for each
 *       collection with a complete baseline, and {@code {_id: "config", ignoredPaths}};
 *   <li>{@code K~config}: hashes of Blue's profile and service configs.
 * </ul>
 *
 * Every write uses majority write concern: a baseline that a failover lost would turn Blue's
 * changes into Green's own.
 */
final class BaselineStore {
  private static final String OWN = "own~";

  private static final String OWNER = "owner";

  private final MongoDatabase state;
  private final String deployment;
  private final String greenDatabase;
  private final String prefix;

  BaselineStore(MongoDatabase state, String deployment, String greenDatabase) {
    this.state = state.withWriteConcern(WriteConcern.MAJORITY);
    this.deployment = deployment;
    this.greenDatabase = greenDatabase;
    this.prefix = key(deployment, greenDatabase) + "~";
  }

  /**
   * The baseline's key: the deployment's and Green's database, encoded (see {@link BaselineKeys}).
   */
  static String key(String deployment, String greenDatabase) {
    return BaselineKeys.key(deployment, greenDatabase);
  }

  /**
   * The store for the given Green platform's server, refusing a state database that is Green's own.
   */
  static BaselineStore of(
      Connections connections, Durability durability, PlatformSpec green, String deployment) {
    return of(connections, durability, null, green, deployment);
  }

  /**
   * As above, also refusing a state database that is Blue's own (null {@code blue}: not known
   * here).
   */
  static BaselineStore of(
      Connections connections,
      Durability durability,
      PlatformSpec blue,
      PlatformSpec green,
      String deployment) {
    if (blue != null && connections.stateDatabase().equals(blue.database())) {
      throw ApplicationFailure.newNonRetryableFailure(
          stateIsBlues(blue.database()), FailureTypes.INVALID_INPUT);
    }
    if (deployment == null || deployment.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no deployment key given for the baseline: pass the workflow id as deployment",
          FailureTypes.INVALID_INPUT);
    }
    if (connections.stateDatabase().equals(green.database())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Green's database '"
              + green.database()
              + "' is the worker's state database: choose another green.database "
              + "or set state.database in the worker configuration",
          FailureTypes.INVALID_INPUT);
    }
    return new BaselineStore(
        durability.writing(green.mongo(), connections.stateDatabase()),
        deployment,
        green.database());
  }

  /** Blue is only read: bluegreen's own state may not live in Blue's database. */
  static String stateIsBlues(String database) {
    return "the worker's state database '"
        + database
        + "' is Blue's database: set state.database in the worker "
        + "configuration to another name (default bluegreen_state)";
  }

  private MongoCollection<RawBsonDocument> chunks(String collection, long generation) {
    return state.getCollection(
        prefix + "c~" + collection + "~" + Long.toString(generation, 36), RawBsonDocument.class);
  }

  /** The collection's current baseline, in {@code _id} order (empty when there is none). */
  BaselineChunks.Reader read(String collection) {
    long generation = generation(collection);
    return new BaselineChunks.Reader(
        generation < 0 ? null : chunks(collection, generation), collection);
  }

  /**
   * A writer of the collection's next baseline generation, in a collection of its own: a concurrent
   * attempt's writer never shares it, and nothing of another attempt is dropped here (a leftover of
   * a dead one goes with the deployment's baseline).
   */
  BaselineChunks.Writer writeNext(String collection) {
    claim();
    BsonDocument m = metaOf(collection);
    Long basedOn = m == null ? null : generationOf(m);
    long generation = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    MongoCollection<RawBsonDocument> next = chunks(collection, generation);
    return new BaselineChunks.Writer(
        next.withDocumentClass(BsonDocument.class), generation, basedOn);
  }

  /**
   * Makes the written generation the collection's baseline, then drops the one before, if the
   * baseline is still the one the writer started from (compare-and-set on the meta document). Until
   * this switch a crash leaves the previous baseline in force, which a retry of the sync handles.
   * Returns false when another attempt committed first: its generation stays, this one is dropped,
   * and the metadata never points at a dropped generation.
   */
  boolean commit(String collection, BaselineChunks.Writer written) {
    written.close();
    BsonDocument next = metaDocument(collection, written.count(), written.generation());
    boolean won;
    if (written.basedOn() == null) {
      try {
        meta().insertOne(next);
        won = true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        won = false;
      }
    } else {
      BsonDocument expected =
          new BsonDocument("_id", metaId(collection))
              .append("generation", new BsonInt64(written.basedOn()));
      won = meta().replaceOne(expected, next).getMatchedCount() == 1;
    }
    if (!won) {
      chunks(collection, written.generation()).drop();
      return false;
    }
    if (written.basedOn() != null && written.basedOn() >= 0) {
      chunks(collection, written.basedOn()).drop();
    }
    return true;
  }

  private long generation(String collection) {
    BsonDocument m = metaOf(collection);
    return m == null ? -1 : generationOf(m);
  }

  private static long generationOf(BsonDocument m) {
    return m.containsKey("generation") ? m.getNumber("generation").longValue() : -1;
  }

  private BsonDocument metaOf(String collection) {
    return meta().find(new BsonDocument("_id", metaId(collection))).first();
  }

  private static BsonString metaId(String collection) {
    return new BsonString("collection:" + collection);
  }

  private static BsonDocument metaDocument(String collection, long recorded, long generation) {
    return new BsonDocument("_id", metaId(collection))
        .append("recorded", new BsonInt64(recorded))
        .append("generation", new BsonInt64(generation));
  }

  private void writeMeta(String collection, long recorded, long generation) {
    meta()
        .replaceOne(
            new BsonDocument("_id", metaId(collection)),
            metaDocument(collection, recorded, generation),
            new ReplaceOptions().upsert(true));
  }

  MongoCollection<BsonDocument> config() {
    return state.getCollection(prefix + "config", BsonDocument.class);
  }

  private MongoCollection<BsonDocument> meta() {
    return state.getCollection(prefix + "meta", BsonDocument.class);
  }

  /** Documents recorded for a complete baseline of the collection, or -1 when there is none. */
  long recorded(String collection) {
    BsonDocument m = metaOf(collection);
    return m == null ? -1 : m.getNumber("recorded").longValue();
  }

  /**
   * Whether the baseline was recorded from a collection Green held (not marked empty as a view or
   * absent one).
   */
  boolean recordedFromCollection(String collection) {
    return generation(collection) >= 0;
  }

  /**
   * Marks a collection with nothing to remember (a view, or a collection Blue does not have) as
   * baselined.
   */
  void markEmpty(String collection) {
    writeMeta(collection, 0, -1);
  }

  /** Collections with a complete baseline. */
  List<String> baselinedCollections() {
    List<String> out = new ArrayList<>();
    for (BsonDocument m : meta().find()) {
      String id = m.getString("_id").getValue();
      if (id.startsWith("collection:")) {
        out.add(id.substring("collection:".length()));
      }
    }
    return out;
  }

  /** Drops one collection's baseline (Blue and Green dropped it). */
  void forget(String collection) {
    long generation = generation(collection);
    meta().deleteOne(new BsonDocument("_id", metaId(collection)));
    if (generation >= 0) {
      chunks(collection, generation).drop();
    }
  }

  void saveConfigMeta(List<String> ignoredPaths) {
    BsonArray paths = new BsonArray();
    ignoredPaths.forEach(p -> paths.add(new BsonString(p)));
    meta()
        .replaceOne(
            new BsonDocument("_id", new BsonString("config")),
            new BsonDocument("_id", new BsonString("config")).append("ignoredPaths", paths),
            new ReplaceOptions().upsert(true));
  }

  /** The profile paths left out of its hash, or null when no config baseline was recorded. */
  List<String> configIgnoredPaths() {
    BsonDocument m = meta().find(new BsonDocument("_id", new BsonString("config"))).first();
    if (m == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    m.getArray("ignoredPaths").forEach(v -> out.add(v.asString().getValue()));
    return out;
  }

  /** Drops every collection of the deployment; returns how many there were. */
  int dropAll() {
    return dropPrefix(prefix);
  }

  // ---- Green's own documents, recorded at PREFLIGHT
  // ----------------------------------------------

  /**
   * Records the {@code _id} of every document Green holds in the collection now, before the copy:
   * Green's own, left out of the baseline. A retry records them again from scratch.
   */
  long recordGreenOwn(String collection, MongoCollection<RawBsonDocument> green, int batch) {
    claim();
    MongoCollection<BsonDocument> own =
        state.getCollection(prefix + OWN + collection, BsonDocument.class);
    own.drop();
    long count = 0;
    List<BsonDocument> pending = new ArrayList<>();
    for (RawBsonDocument d : green.find().projection(Projections.include("_id")).batchSize(batch)) {
      pending.add(new BsonDocument("_id", BaselineEntry.plain(d.get("_id"))));
      if (pending.size() == batch) {
        own.insertMany(pending);
        count += pending.size();
        pending.clear();
      }
    }
    if (!pending.isEmpty()) {
      own.insertMany(pending);
      count += pending.size();
    }
    return count;
  }

  /** Green's own {@code _id}s in the collection (none when Green had to be empty). */
  MongoCollection<RawBsonDocument> greenOwn(String collection) {
    return state.getCollection(prefix + OWN + collection, RawBsonDocument.class);
  }

  // ---- other runs' baselines for Green's database
  // -------------------------------------------------

  /**
   * The keys of baselines other deployments (or earlier runs under the same workflow id) left for
   * Green's database.
   */
  List<String> staleKeys() {
    return BaselineKeys.others(
        state.listCollectionNames(), prefix.substring(0, prefix.length() - 1), greenDatabase);
  }

  /** Drops every collection of the baseline with the given key; returns how many there were. */
  int dropKey(String key) {
    return dropPrefix(key + "~");
  }

  /**
   * A stale key as an operator knows it: the deployment (workflow id and first run id) that left
   * it, from its owner document, or the key itself when it has none (an attempt that died first).
   */
  String describe(String key) {
    BsonDocument owner =
        state
            .getCollection(key + "~meta", BsonDocument.class)
            .find(new BsonDocument("_id", new BsonString(OWNER)))
            .first();
    return owner != null && owner.isString("deployment")
        ? owner.getString("deployment").getValue()
        : key;
  }

  /** Names this run as the key's owner, so a later PREFLIGHT can say whose baseline it finds. */
  private void claim() {
    meta()
        .replaceOne(
            new BsonDocument("_id", new BsonString(OWNER)),
            new BsonDocument("_id", new BsonString(OWNER))
                .append("deployment", new BsonString(deployment))
                .append("greenDatabase", new BsonString(greenDatabase)),
            new ReplaceOptions().upsert(true));
  }

  private int dropPrefix(String p) {
    TreeSet<String> names = new TreeSet<>();
    state.listCollectionNames().into(names);
    int dropped = 0;
    for (String name : names) {
      if (name.startsWith(p)) {
        state.getCollection(name).drop();
        dropped++;
      }
    }
    return dropped;
  }
}
