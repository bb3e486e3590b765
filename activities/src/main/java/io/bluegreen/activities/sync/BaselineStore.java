package io.bluegreen.activities.sync;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 *   <li>{@code K~g~<collection>~<generation>}: Green where the last pass left it unlike the
 *       baseline ({@link GreenAtCutover}), same chunks;
 *   <li>{@code K~meta}: {@code {_id: "collection:<name>", recorded, generation}} for each
 *       collection with a complete baseline, {@code {_id: "cutover:<name>", generation, baseline}}
 *       and {@code {_id: "config", ignoredPaths}};
 *   <li>{@code K~config}: hashes of Blue's profile and service configs.
 * </ul>
 *
 * Every write uses majority write concern: a baseline that a failover lost would turn Blue's
 * changes into Green's own.
 */
final class BaselineStore {
  private static final String OWN = "own~";

  private final MongoDatabase state;
  private final String prefix;
  private final BaselineOwner owner;

  BaselineStore(MongoDatabase state, String deployment, String greenDatabase) {
    this.state = state.withWriteConcern(WriteConcern.MAJORITY);
    this.prefix = key(deployment, greenDatabase) + "~";
    this.owner =
        new BaselineOwner(this.state, key(deployment, greenDatabase), deployment, greenDatabase);
  }

  /** The baseline's key: the deployment's and Green's database ({@link BaselineKeys}). */
  static String key(String deployment, String greenDatabase) {
    return BaselineKeys.key(deployment, greenDatabase);
  }

  /** The store on Green's server, refusing a state database that is Green's own. */
  static BaselineStore of(
      Connections connections, Durability durability, PlatformSpec green, String deployment) {
    return of(connections, durability, null, green, deployment);
  }

  /** As above, also refusing Blue's own database (null {@code blue}: not known here). */
  static BaselineStore of(
      Connections connections,
      Durability durability,
      PlatformSpec blue,
      PlatformSpec green,
      String deployment) {
    if (blue != null && connections.stateDatabase().equals(blue.database())) {
      // Blue is only read: bluegreen's own state may not live in Blue's database.
      throw ApplicationFailure.newNonRetryableFailure(
          "the worker's state database '"
              + blue.database()
              + "' is Blue's database: set state.database in the worker "
              + "configuration to another name (default bluegreen_state)",
          FailureTypes.INVALID_INPUT);
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

  private MongoCollection<RawBsonDocument> chunks(String collection, long generation) {
    return state.getCollection(
        prefix + "c~" + collection + "~" + Long.toString(generation, 36), RawBsonDocument.class);
  }

  /** The collection's current baseline, in {@code _id} order (empty when there is none). */
  BaselineChunks.Reader read(String collection) {
    return read(collection, current(collection));
  }

  /** The given generation of the collection's baseline ({@link #current}), in {@code _id} order. */
  BaselineChunks.Reader read(String collection, Long generation) {
    return new BaselineChunks.Reader(
        generation == null || generation < 0 ? null : chunks(collection, generation), collection);
  }

  /**
   * A writer of the collection's next baseline generation, in a collection of its own: a concurrent
   * attempt's writer never shares it, and nothing of another attempt is dropped here (a leftover of
   * a dead one goes with the deployment's baseline).
   */
  BaselineChunks.Writer writeNext(String collection) {
    owner.claim();
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
    owner.refuseIfDropped();
    BsonDocument next = metaDocument(collection, written.count(), written.generation());
    boolean won;
    if (written.basedOn() == null) {
      won = insertFirst(next);
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
    owner.refuseIfDropped();
    return true;
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

  /** Who owns this key, and the baselines other runs left for Green's database. */
  BaselineOwner owner() {
    return owner;
  }

  MongoCollection<BsonDocument> config() {
    return state.getCollection(prefix + "config", BsonDocument.class);
  }

  MongoCollection<BsonDocument> meta() {
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
    Long generation = current(collection);
    return generation != null && generation >= 0;
  }

  /**
   * Marks a collection with nothing to remember (a view, or a collection Blue does not have) as
   * baselined, like a first commit: only when it has no baseline yet. Returns false when another
   * attempt recorded it first (its generation stays: a mark over it would orphan its chunks).
   */
  boolean markEmpty(String collection) {
    owner.claim();
    boolean won = insertFirst(metaDocument(collection, 0, -1));
    owner.refuseIfDropped();
    return won;
  }

  /** A collection's first baseline: inserted, so of two attempts the later one finds it there. */
  private boolean insertFirst(BsonDocument meta) {
    try {
      meta().insertOne(meta);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false;
    }
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

  /**
   * The generation a reader of the collection's baseline starts from: null when it has none, -1
   * when it was marked empty.
   */
  Long current(String collection) {
    BsonDocument m = metaOf(collection);
    return m == null ? null : generationOf(m);
  }

  /**
   * Drops one collection's baseline (Blue and Green dropped it), if it is still the generation the
   * caller decided from ({@link #current}); nothing to do when there was none. Returns false when
   * another attempt moved the baseline since: its generation stays.
   */
  boolean forget(String collection, Long startedFrom) {
    if (startedFrom == null) {
      return true;
    }
    BsonDocument expected =
        new BsonDocument("_id", metaId(collection))
            .append("generation", new BsonInt64(startedFrom));
    if (meta().deleteOne(expected).getDeletedCount() != 1) {
      return false;
    }
    if (startedFrom >= 0) {
      chunks(collection, startedFrom).drop();
    }
    return true;
  }

  /**
   * The run's end-of-run drop (DropBaseline): every collection of the key, after a tombstone that
   * refuses any later commit of the run ({@link BaselineOwner}); returns how many there were.
   */
  int drop() {
    return owner.drop();
  }

  /** Green's own {@code _id}s in the collection (none when Green had to be empty). */
  MongoCollection<RawBsonDocument> greenOwn(String collection) {
    return side(OWN + collection);
  }

  /** {@code K~<suffix>}: a collection of the key's, dropped with the baseline. */
  MongoCollection<RawBsonDocument> side(String suffix) {
    return state.getCollection(prefix + suffix, RawBsonDocument.class);
  }
}
