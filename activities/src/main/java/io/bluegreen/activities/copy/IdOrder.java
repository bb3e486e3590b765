package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Reads and writes keyed by {@code _id} under the simple (binary) collation, whatever the
 * collection's default collation is.
 *
 * <p>Why: a collection created with a collation (e.g. {@code {locale: "en", strength: 2}}) sorts
 * and compares its string {@code _id}s by that collation unless a query says otherwise. The verify
 * and resync merge-joins compare the two cursors' ids with {@link BsonOrder}, which is MongoDB's
 * simple order (strings by UTF-8 bytes); a cursor following the collation comes back in another
 * order ("B" before "a" in binary, after it in "en"), so documents were reported missing on one
 * side and extra on the other. A resumed copy's {@code $gt} filter under a case-insensitive
 * collation would even skip "A" after "a", and a resync's delete of {@code _id: "a"} could match
 * Green's "A". Comparing in the collation's order instead (ICU) would still leave distinct ids that
 * the collation calls equal, which no merge-join can pair up. So every {@code _id}-ordered read and
 * every {@code _id}-keyed write says {@code collation: {locale: "simple"}}: one total order, the
 * one {@link BsonOrder} implements, on Blue and Green alike.
 *
 * <p>The cost: on a collated collection the {@code _id} index (which has the collection's
 * collation) cannot give the simple order, so the server sorts; {@link #inIdOrder} then allows the
 * sort to use disk ({@code allowDiskUse}, MongoDB 4.4+). Collections without a collation use the
 * index exactly as before (their default is already simple).
 */
public final class IdOrder {
  public static final Collation SIMPLE = Collation.builder().locale("simple").build();

  private IdOrder() {}

  /**
   * Every document matching {@code filter} in {@code _id} order under the simple collation.
   *
   * @param collated whether the collection has a default collation of its own
   */
  static FindIterable<RawBsonDocument> inIdOrder(
      MongoCollection<RawBsonDocument> c, BsonDocument filter, boolean collated) {
    FindIterable<RawBsonDocument> find =
        c.find(filter).sort(Sorts.ascending("_id")).collation(SIMPLE);
    return collated ? find.allowDiskUse(true) : find;
  }

  /**
   * Iterates {@code find} in {@code _id} order; a server that does not implement collations at all
   * (FerretDB answers NotImplemented, code 238) has only the binary order, which is what the simple
   * collation asks for, so the same read is run without it there.
   */
  public static MongoCursor<RawBsonDocument> iterate(FindIterable<RawBsonDocument> find) {
    try {
      return find.iterator();
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == NOT_IMPLEMENTED
          && String.valueOf(e.getErrorMessage()).contains("collation")) {
        return find.collation(null).iterator();
      }
      throw e;
    }
  }

  private static final int NOT_IMPLEMENTED = 238;

  /**
   * Whether a collection with these options ({@link CollectionOptions#read}) has a collation of its
   * own.
   */
  static boolean collated(Document options) {
    return options.containsKey("collation");
  }

  /** An upsert keyed by {@code _id} that matches only that exact {@code _id}. */
  public static ReplaceOptions upsert() {
    return new ReplaceOptions().upsert(true).collation(SIMPLE);
  }

  /** A delete keyed by {@code _id} that matches only that exact {@code _id}. */
  public static DeleteOptions delete() {
    return new DeleteOptions().collation(SIMPLE);
  }
}
