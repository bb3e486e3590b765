package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Whose baseline a key is: the {@code owner} document in the key's {@code ~meta} names the run
 * (written by every writer before its first write), so a later PREFLIGHT can name the baselines
 * other runs left for the same Green database, and drop them.
 */
final class BaselineOwner {
  static final String OWNER = "owner";

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

  /** Names this run as the key's owner. */
  void claim() {
    meta(key)
        .replaceOne(
            new BsonDocument("_id", new BsonString(OWNER)),
            new BsonDocument("_id", new BsonString(OWNER))
                .append("deployment", new BsonString(deployment))
                .append("greenDatabase", new BsonString(greenDatabase)),
            new ReplaceOptions().upsert(true));
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

  /** Drops every collection of the baseline with the given key; returns how many there were. */
  int dropKey(String other) {
    return dropPrefix(state, other + "~");
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
