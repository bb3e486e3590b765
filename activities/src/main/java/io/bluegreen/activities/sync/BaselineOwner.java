package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Whose baseline a key is: the {@code owner} document in the key's {@code ~meta} names the run
 * (written by every writer before its first write), so a later PREFLIGHT can name the baselines
 * other runs left for the same Green database, and drop them.
 *
 * <p>And whether the run's baseline was dropped: a run's end-of-run DropBaseline (and a later
 * PREFLIGHT that drops a stale key) first leaves a tombstone, {@code {_id: <key>, deployment,
 * dropped}} in the state database's {@value #DROPPED} collection, then drops the key's collections.
 * An attempt the workflow cancelled may still be running on a worker: every baseline writer claims
 * the key before its first write and checks again after its commit, and refuses once the tombstone
 * is there, removing whatever it wrote (the drop's listing may have missed it). Write first, check
 * after: either the drop's listing comes after the write and removes it, or the tombstone came
 * before the check and the writer removes it itself.
 */
final class BaselineOwner {
  static final String OWNER = "owner";

  /** The failure of a late attempt whose run's baseline was dropped: never worth a retry. */
  static final String DROPPED_TYPE = "BaselineDropped";

  /** The tombstones of dropped baselines, one document per key. */
  static final String DROPPED = "bg-dropped";

  /**
   * Tombstones older than this are pruned by a later drop: no attempt of a closed run lives that
   * long (the longest activity timeout is 7 days).
   */
  static final Duration KEEP_TOMBSTONES = Duration.ofDays(30);

  private final MongoDatabase state;
  private final String key;
  private final String deployment;
  private final String greenDatabase;

  BaselineOwner(MongoDatabase state, String key, String deployment, String greenDatabase) {
    this.state = state;
    this.key = key;
    this.deployment = deployment;
    this.greenDatabase = greenDatabase;
  }

  /**
   * Names this run as the key's owner, before the writer's first write: refused once the run's
   * baseline was dropped (then what the claim itself re-created goes too).
   */
  void claim() {
    refuseIfDropped();
    meta(key)
        .replaceOne(
            new BsonDocument("_id", new BsonString(OWNER)),
            new BsonDocument("_id", new BsonString(OWNER))
                .append("deployment", new BsonString(deployment))
                .append("greenDatabase", new BsonString(greenDatabase)),
            new ReplaceOptions().upsert(true));
    refuseIfDropped();
  }

  /**
   * After a commit, and before one: a late attempt of a run whose baseline was dropped removes
   * everything under the key (nothing of the run is in use any more) and fails, not retried.
   */
  void refuseIfDropped() {
    if (tombstones().find(new BsonDocument("_id", new BsonString(key))).first() == null) {
      return;
    }
    dropPrefix(state, key + "~");
    throw ApplicationFailure.newNonRetryableFailure(
        "the three-way sync baseline of deployment run '"
            + deployment
            + "' was dropped when the run closed (or by a later run's PREFLIGHT): this late attempt"
            + " records nothing, and what it wrote is removed",
        DROPPED_TYPE);
  }

  /** The run's end-of-run drop: the tombstone first, then every collection of the key. */
  int drop() {
    return dropWithTombstone(key, deployment);
  }

  /**
   * PREFLIGHT of a run under this key (a workflow reset starts a run over): the key is its own
   * again, from scratch.
   */
  int startOver() {
    tombstones().deleteOne(new BsonDocument("_id", new BsonString(key)));
    return dropPrefix(state, key + "~");
  }

  /**
   * The keys of baselines other deployments (or earlier runs under the same workflow id) left for
   * Green's database.
   */
  List<String> staleKeys() {
    return BaselineKeys.others(state.listCollectionNames(), key, greenDatabase);
  }

  /**
   * A stale key as an operator knows it: the deployment (workflow id and first run id) that left
   * it, from its owner document, or the key itself when it has none (an attempt that died first).
   */
  String describe(String other) {
    BsonDocument owner = meta(other).find(new BsonDocument("_id", new BsonString(OWNER))).first();
    return owner != null && owner.isString("deployment")
        ? owner.getString("deployment").getValue()
        : other;
  }

  /**
   * Drops every collection of the baseline another run left (tombstoned first: that run is over,
   * whatever of it may still be running); returns how many there were.
   */
  int dropKey(String other) {
    return dropWithTombstone(other, describe(other));
  }

  private int dropWithTombstone(String k, String run) {
    Date now = new Date();
    tombstones()
        .deleteMany(
            new BsonDocument(
                "dropped",
                new BsonDocument(
                    "$lt", new BsonDateTime(now.getTime() - KEEP_TOMBSTONES.toMillis()))));
    tombstones()
        .replaceOne(
            new BsonDocument("_id", new BsonString(k)),
            new BsonDocument("_id", new BsonString(k))
                .append("deployment", new BsonString(run))
                .append("greenDatabase", new BsonString(greenDatabase))
                .append("dropped", new BsonDateTime(now.getTime())),
            new ReplaceOptions().upsert(true));
    return dropPrefix(state, k + "~");
  }

  private MongoCollection<BsonDocument> tombstones() {
    return state.getCollection(DROPPED, BsonDocument.class);
  }

  private MongoCollection<BsonDocument> meta(String k) {
    return state.getCollection(k + "~meta", BsonDocument.class);
  }

  static int dropPrefix(MongoDatabase state, String p) {
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
