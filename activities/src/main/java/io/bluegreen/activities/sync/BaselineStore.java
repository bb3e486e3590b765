package io.bluegreen.activities.sync;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * One deployment's baseline in the state database on Green's MongoDB server. Layout, per
 * deployment key {@code D} (the workflow id, with characters outside {@code [A-Za-z0-9_.-]}
 * percent-encoded):
 *
 * <ul>
 *   <li>{@code D~c~<collection>~<generation>}: the collection's baseline as chunks of up to
 *       {@link BaselineChunks#CHUNK} entries ({@link BaselineEntry}) in {@code _id} order, {@code {_id: <chunk number>,
 *       ids: [<original _id>...], h: BinData(16 bytes per id)}}, each hash the first 16 bytes of
 *       SHA-256 over the document's BSON. Chunks, not one entry per document: reading the
 *       baseline is then a small part of a final pass (a server's cost is largely per document
 *       returned), and a pass writes the next generation as it merges, switched to at its end;
 *   <li>{@code D~meta}: {@code {_id: "collection:<name>", recorded, generation}} for each
 *       collection with a complete baseline, and {@code {_id: "config", ignoredPaths}};
 *   <li>{@code D~config}: hashes of Blue's profile and service configs.
 * </ul>
 *
 * Every write uses majority write concern: a baseline that a failover lost would turn Blue's
 * changes into Green's own.
 */
final class BaselineStore {
  private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

  private final MongoDatabase state;
  private final String prefix;

  BaselineStore(MongoDatabase state, String deployment) {
    this.state = state.withWriteConcern(WriteConcern.MAJORITY);
    this.prefix = encode(deployment) + "~";
  }

  /** The store for the given Green platform's server, refusing a state database that is Green's own. */
  static BaselineStore of(
      Connections connections, Durability durability, PlatformSpec green, String deployment) {
    return of(connections, durability, null, green, deployment);
  }

  /** As above, also refusing a state database that is Blue's own (null {@code blue}: not known here). */
  static BaselineStore of(
      Connections connections, Durability durability, PlatformSpec blue, PlatformSpec green, String deployment) {
    if (blue != null && connections.stateDatabase().equals(blue.database())) {
      throw ApplicationFailure.newNonRetryableFailure(stateIsBlues(blue.database()), FailureTypes.INVALID_INPUT);
    }
    if (deployment == null || deployment.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no deployment key given for the baseline: pass the workflow id as deployment", FailureTypes.INVALID_INPUT);
    }
    if (connections.stateDatabase().equals(green.database())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Green's database '" + green.database() + "' is the worker's state database: choose another green.database "
              + "or set state.database in the worker configuration", FailureTypes.INVALID_INPUT);
    }
    return new BaselineStore(durability.writing(green.mongo(), connections.stateDatabase()), deployment);
  }

  /** Blue is only read: bluegreen's own state may not live in Blue's database. */
  static String stateIsBlues(String database) {
    return "the worker's state database '" + database + "' is Blue's database: set state.database in the worker "
        + "configuration to another name (default bluegreen_state)";
  }

  static String encode(String deployment) {
    StringBuilder out = new StringBuilder();
    for (byte b : deployment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (b >= 0 && ALLOWED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private MongoCollection<RawBsonDocument> chunks(String collection, long generation) {
    return state.getCollection(prefix + "c~" + collection + "~" + generation, RawBsonDocument.class);
  }

  /** The collection's current baseline, in {@code _id} order (empty when there is none). */
  BaselineChunks.Reader read(String collection) {
    long generation = generation(collection);
    return new BaselineChunks.Reader(generation < 0 ? null : chunks(collection, generation), collection);
  }

  /** A writer of the collection's next baseline generation (a leftover of a failed attempt is dropped first). */
  BaselineChunks.Writer writeNext(String collection) {
    MongoCollection<RawBsonDocument> next = chunks(collection, generation(collection) + 1);
    next.drop();
    return new BaselineChunks.Writer(next.withDocumentClass(BsonDocument.class));
  }

  /**
   * Makes the written generation the collection's baseline, then drops the one before. Until
   * this switch a crash leaves the previous baseline in force, which a retry of the sync
   * handles.
   */
  void commit(String collection, BaselineChunks.Writer written) {
    written.close();
    long previous = generation(collection);
    writeMeta(collection, written.count(), previous + 1);
    if (previous >= 0) {
      chunks(collection, previous).drop();
    }
  }

  private long generation(String collection) {
    BsonDocument m = meta().find(new BsonDocument("_id", new BsonString("collection:" + collection))).first();
    return m == null || !m.containsKey("generation") ? -1 : m.getNumber("generation").longValue();
  }

  private void writeMeta(String collection, long recorded, long generation) {
    meta().replaceOne(
        new BsonDocument("_id", new BsonString("collection:" + collection)),
        new BsonDocument("_id", new BsonString("collection:" + collection)).append("recorded", new BsonInt64(recorded))
            .append("generation", new BsonInt64(generation)),
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
    BsonDocument m = meta().find(new BsonDocument("_id", new BsonString("collection:" + collection))).first();
    return m == null ? -1 : m.getNumber("recorded").longValue();
  }

  /** Whether the baseline was recorded from a collection Green held (not marked empty as a view or absent one). */
  boolean recordedFromCollection(String collection) {
    return generation(collection) >= 0;
  }

  /** Marks a collection with nothing to remember (a view, or a collection Blue does not have) as baselined. */
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
    meta().deleteOne(new BsonDocument("_id", new BsonString("collection:" + collection)));
    if (generation >= 0) {
      chunks(collection, generation).drop();
    }
  }

  void saveConfigMeta(List<String> ignoredPaths) {
    BsonArray paths = new BsonArray();
    ignoredPaths.forEach(p -> paths.add(new BsonString(p)));
    meta().replaceOne(new BsonDocument("_id", new BsonString("config")),
        new BsonDocument("_id", new BsonString("config")).append("ignoredPaths", paths), new ReplaceOptions().upsert(true));
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
    TreeSet<String> names = new TreeSet<>();
    state.listCollectionNames().into(names);
    int dropped = 0;
    for (String name : names) {
      if (name.startsWith(prefix)) {
        state.getCollection(name).drop();
        dropped++;
      }
    }
    return dropped;
  }
}
