package io.bluegreen.activities.sync;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.SyncConflict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * Hashes of Blue's own configuration documents: its profile ({@code iap_profiles} by {@code id},
 * without the switch paths the cutover turns) and every {@code service_configs} document by {@code
 * name}. They are never copied (Green has its own); a change on Blue after provisioning is only
 * reported, for the operator to carry by hand if it matters to Green.
 */
final class ConfigHashes {
  static final String PROFILES = "iap_profiles";
  static final String SERVICE_CONFIGS = "service_configs";

  /** The {@code ~meta} document naming the profile paths left out. */
  private static final String CONFIG = "config";

  private ConfigHashes() {}

  /** Key ({@code collection:name}) to hash, for Blue's current documents. */
  static Map<String, byte[]> of(MongoDatabase blue, String profile, List<String> ignoredPaths) {
    Map<String, byte[]> out = new TreeMap<>();
    Document p = blue.getCollection(PROFILES).find(new Document("id", profile)).first();
    if (p != null) {
      for (String path : ignoredPaths) {
        remove(p, path);
      }
      out.put(
          PROFILES + ":" + profile,
          BaselineEntry.hash(new RawBsonDocument(p, new DocumentCodec())));
    }
    for (RawBsonDocument s : blue.getCollection(SERVICE_CONFIGS, RawBsonDocument.class).find()) {
      String name =
          s.containsKey("name") && s.get("name").isString()
              ? s.getString("name").getValue()
              : BsonIds.toJson(s.get("_id"));
      out.put(SERVICE_CONFIGS + ":" + name, BaselineEntry.hash(s));
    }
    return out;
  }

  static void save(BaselineStore store, Map<String, byte[]> hashes) {
    store.owner().claim();
    var config = store.config();
    config.drop();
    List<BsonDocument> docs = new ArrayList<>();
    hashes.forEach((k, h) -> docs.add(BaselineEntry.of(new BsonString(k), h)));
    if (!docs.isEmpty()) {
      config.insertMany(docs);
    }
  }

  /** The profile paths left out of the profile's hash. */
  static void saveIgnoredPaths(BaselineStore store, List<String> ignoredPaths) {
    BsonArray paths = new BsonArray();
    ignoredPaths.forEach(p -> paths.add(new BsonString(p)));
    store
        .meta()
        .replaceOne(
            new BsonDocument("_id", new BsonString(CONFIG)),
            new BsonDocument("_id", new BsonString(CONFIG)).append("ignoredPaths", paths),
            new ReplaceOptions().upsert(true));
    store.owner().refuseIfDropped();
  }

  /** The profile paths left out of its hash, or null when no config baseline was recorded. */
  static List<String> ignoredPaths(BaselineStore store) {
    BsonDocument m = store.meta().find(new BsonDocument("_id", new BsonString(CONFIG))).first();
    if (m == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    m.getArray("ignoredPaths").forEach(v -> out.add(v.asString().getValue()));
    return out;
  }

  static Map<String, byte[]> load(BaselineStore store) {
    Map<String, byte[]> out = new TreeMap<>();
    for (BsonDocument d : store.config().find()) {
      out.put(d.getString("_id").getValue(), d.getBinary("h").getData());
    }
    return out;
  }

  /** What changed from {@code before} to {@code now}, names only, in key order. */
  static List<ConfigChange> changes(Map<String, byte[]> before, Map<String, byte[]> now) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    List<ConfigChange> out = new ArrayList<>();
    for (String key : keys) {
      byte[] b = before.get(key);
      byte[] n = now.get(key);
      String change =
          b == null
              ? SyncConflict.INSERTED
              : n == null
                  ? SyncConflict.DELETED
                  : Arrays.equals(b, n) ? null : SyncConflict.UPDATED;
      if (change != null) {
        int colon = key.indexOf(':');
        out.add(new ConfigChange(key.substring(0, colon), key.substring(colon + 1), change));
      }
    }
    return out;
  }

  private static void remove(Document doc, String path) {
    String[] parts = path.split("\\.");
    Document current = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!(current.get(parts[i]) instanceof Document next)) {
        return;
      }
      current = next;
    }
    current.remove(parts[parts.length - 1]);
  }
}
