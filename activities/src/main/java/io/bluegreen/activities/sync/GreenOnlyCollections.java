package io.bluegreen.activities.sync;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.CollectionPlanner;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Green's collections that no pass compares: made on Green after the cutover (a custom resource
 * model users created while LIVE, say), so Blue has none and the deployment's list does not name
 * them. The final pass records which collections Green holds at the cutover; a comparison of
 * Green's changes then names every collection made since, with its documents as created (counted
 * and the first ids listed, never read in full), so that a rollback never leaves one behind
 * unnamed. The selection rules of a copy apply (system, provisioned and runtime collections are
 * never named), and so does the request's: a collection Blue has too is one the deployment left
 * out. They are named, not carried: carryBack takes the deployment's collections only, so they do
 * not hold a rollback's wait for carryBack either.
 */
final class GreenOnlyCollections {
  private static final BsonString META_ID = new BsonString("cutover-collections");

  /** The note on a collection made after the cutover. */
  static final String MADE_AFTER_CUTOVER =
      "made on Green after the cutover: every document counts as created; it is not a collection"
          + " of this deployment, so carryBack does not take it (copy it by hand if Blue should"
          + " have it)";

  /** The note when the run's final pass recorded no list of Green's collections. */
  static final String NOT_KNOWN =
      "on Green only, and the cutover recorded no list of Green's collections (its final pass ran"
          + " on an older worker): it may be the new release's, so it is named, not compared";

  private GreenOnlyCollections() {}

  /** Green's collections now, recorded as those it holds at the cutover (by each final pass). */
  static void recordAtCutover(BaselineStore store, MongoDatabase green) {
    BsonArray names = new BsonArray();
    for (String n : collections(green)) {
      names.add(new BsonString(n));
    }
    store
        .meta()
        .replaceOne(
            new BsonDocument("_id", META_ID),
            new BsonDocument("_id", META_ID).append("names", names),
            new ReplaceOptions().upsert(true));
    // A late attempt after the run's drop removes what it just wrote.
    store.owner().refuseIfDropped();
  }

  /**
   * Green's collections that are neither the deployment's ({@code compared}), baselined, nor held
   * at the cutover, in name order; {@code known} is told whether the cutover's list was there (when
   * not, every collection only Green has is named).
   */
  static List<String> since(
      BaselineStore store,
      MongoDatabase blue,
      MongoDatabase green,
      Collection<String> compared,
      boolean[] known) {
    BsonDocument m = store.meta().find(new BsonDocument("_id", META_ID)).first();
    known[0] = m != null;
    TreeSet<String> out = new TreeSet<>(collections(green));
    out.removeAll(compared);
    out.removeAll(blueCollections(blue));
    out.removeAll(store.baselinedCollections());
    if (m != null) {
      for (BsonValue n : m.getArray("names")) {
        out.remove(n.asString().getValue());
      }
    }
    return List.copyOf(out);
  }

  /**
   * One collection made on Green after the cutover: all its documents created, counted (the server
   * counts; no document crosses the wire), the first {@code maxIds} ids in {@code _id} order
   * listed. When the cutover's list is not {@code known}, named only.
   */
  static GreenCollectionChanges changes(
      MongoCollection<RawBsonDocument> collection, int maxIds, boolean known) {
    String name = collection.getNamespace().getCollectionName();
    if (!known) {
      return new GreenCollectionChanges(name, 0, 0, 0, null, null, null, NOT_KNOWN);
    }
    List<String> ids = new ArrayList<>();
    if (maxIds > 0) {
      for (RawBsonDocument d :
          collection
              .find()
              .projection(new BsonDocument("_id", new BsonInt32(1)))
              .sort(new BsonDocument("_id", new BsonInt32(1)))
              .limit(maxIds)) {
        ids.add(BsonIds.toJson(d.get("_id")));
      }
    }
    long count = collection.countDocuments();
    return new GreenCollectionChanges(
        name, count, 0, 0, List.copyOf(ids), List.of(), List.of(), MADE_AFTER_CUTOVER);
  }

  /**
   * Blue's collections, to leave out the ones the deployment did not copy. Green's comparison runs
   * after Blue is restored and must not fail because Blue cannot be listed: then none is left out
   * (more is named, nothing hidden).
   */
  private static List<String> blueCollections(MongoDatabase blue) {
    try {
      return blue.listCollectionNames().into(new ArrayList<>());
    } catch (MongoException e) {
      return List.of();
    }
  }

  /** Green's collections (views left out) that a copy's selection rules would take. */
  private static List<String> collections(MongoDatabase green) {
    List<String> names = new ArrayList<>();
    for (Document c : green.listCollections()) {
      if (!"view".equals(c.getString("type"))) {
        names.add(c.getString("name"));
      }
    }
    return CollectionPlanner.select(names, null);
  }
}
