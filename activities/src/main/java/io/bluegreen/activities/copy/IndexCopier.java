package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Recreates a collection's indexes on Green before its documents arrive, so unique constraints hold
 * from the first insert and building them does not need a second pass over the data.
 */
public final class IndexCopier {
  public static final String INDEX_CONFLICT = FailureTypes.INDEX_CONFLICT;
  private static final int NAMESPACE_EXISTS = 48;
  private static final Set<Integer> PERMANENT = Set.of(67, 85, 86, 197);

  private IndexCopier() {}

  /**
   * Creates the collection on Green (so an empty one is copied too) with Blue's carried {@link
   * CollectionOptions}, and every index of Blue's except {@code _id_}, with all of its options,
   * passed through unchanged. createIndexes is a no-op for an index that already exists with the
   * same spec, which makes a retry harmless.
   *
   * @return how many indexes Blue's collection has, {@code _id_} included
   */
  static int copy(MongoDatabase blue, MongoDatabase green, String collection) {
    return copy(blue, green, collection, CollectionOptions.read(blue, collection));
  }

  /**
   * As {@link #copy(MongoDatabase, MongoDatabase, String)}, creating Green's collection with {@code
   * options}.
   */
  public static int copy(
      MongoDatabase blue, MongoDatabase green, String collection, Document options) {
    List<Document> specs = new ArrayList<>();
    int total = 0;
    try (MongoCursor<Document> c = blue.getCollection(collection).listIndexes().iterator()) {
      while (c.hasNext()) {
        Document index = c.next();
        total++;
        if ("_id_".equals(index.getString("name"))) {
          continue;
        }
        Document spec = new Document(index);
        // Server-assigned fields: the target server picks its own index version and namespace.
        spec.remove("v");
        spec.remove("ns");
        specs.add(spec);
      }
    }
    ensureCollection(green, collection, options);
    if (!specs.isEmpty()) {
      try {
        green.runCommand(new Document("createIndexes", collection).append("indexes", specs));
      } catch (MongoCommandException e) {
        if (PERMANENT.contains(e.getErrorCode())) {
          throw ApplicationFailure.newNonRetryableFailure(
              "cannot create Blue's indexes on Green's collection '"
                  + collection
                  + "': "
                  + e.getErrorMessage()
                  + "; drop the conflicting index on Green and retry",
              INDEX_CONFLICT);
        }
        throw e;
      }
    }
    return total;
  }

  /**
   * An existing collection is left as it is: it is an earlier attempt's (created with the same
   * options), or an operator's who chose to pre-create it.
   */
  private static void ensureCollection(MongoDatabase green, String collection, Document options) {
    Set<String> existing = new TreeSet<>();
    green.listCollectionNames().into(existing);
    if (existing.contains(collection)) {
      return;
    }
    try {
      Document create = new Document("create", collection);
      create.putAll(options);
      green.runCommand(create);
    } catch (MongoCommandException e) {
      // A concurrent attempt created it first: that is the state we want.
      if (e.getErrorCode() != NAMESPACE_EXISTS) {
        throw e;
      }
    }
  }
}
