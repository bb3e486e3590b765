package io.bluegreen.activities.copy;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;

/**
 * The options of Blue's collection that Green's must be created with before any document arrives,
 * because they cannot be added to a collection that already exists (capped, collation) or because
 * the platform relies on them (validation). Other options (views, time series, clustered
 * collections) are not Itential Platform's and are left out on purpose.
 */
public final class CollectionOptions {
  static final List<String> CARRIED =
      List.of(
          "capped", "size", "max", "validator", "validationLevel", "validationAction", "collation");

  private CollectionOptions() {}

  /** The carried options as listCollections reports them; empty when there are none. */
  public static Document read(MongoDatabase db, String collection) {
    Document info = null;
    // The filter narrows the reply on MongoDB; the name is checked again because an emulator
    // (mongo-java-server) ignores the filter and lists every collection.
    for (Document d : db.listCollections().filter(new Document("name", collection))) {
      if (collection.equals(d.getString("name"))) {
        info = d;
        break;
      }
    }
    Document out = new Document();
    if (info == null || !(info.get("options") instanceof Document options)) {
      return out;
    }
    for (String key : CARRIED) {
      if (options.containsKey(key)) {
        out.put(key, options.get(key));
      }
    }
    // Only meaningful together; a server reporting size without capped would fail create.
    if (!Boolean.TRUE.equals(out.get("capped"))) {
      out.remove("capped");
      out.remove("size");
      out.remove("max");
    }
    if (out.get("validator") instanceof Document v && v.isEmpty()) {
      out.remove("validator");
    }
    // The server adds its defaults to the collation it reports; "simple" is the absence of one.
    if (out.get("collation") instanceof Document c && "simple".equals(c.getString("locale"))) {
      out.remove("collation");
    }
    return out;
  }

  public static boolean hasValidator(Document options) {
    return options.get("validator") instanceof Document v && !v.isEmpty();
  }
}
