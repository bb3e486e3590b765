package io.bluegreen.activities;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCursor;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Where a resumed copy starts reading Blue: the documents whose {@code _id} sorts after the last
 * copied one.
 *
 * <p>{@code $gt} only matches values of the same type bracket, so ids of the brackets that sort
 * later (a string after numbers, an ObjectId after strings...) are added with {@code $type};
 * without them a resumed copy of a collection with mixed id types would skip documents.
 *
 * <p>FerretDB 1.x refuses a query naming a type alias it does not know ({@code decimal},
 * {@code maxKey}: BadValue, code 2), so every resumed copy on it failed and was retried forever.
 * It can hold neither type (a Decimal128 drops the connection), so the same read is run again
 * with only the aliases every server knows.
 */
final class ResumeFilter {
  private static final int BAD_VALUE = 2;

  private ResumeFilter() {}

  /** The BSON types an {@code _id} can have (arrays are not allowed), by MongoDB sort bracket. */
  enum IdType {
    NUMBER_INT("int", 2, true), NUMBER_LONG("long", 2, true), NUMBER_DOUBLE("double", 2, true),
    NUMBER_DECIMAL("decimal", 2, false), STRING("string", 3, true), OBJECT("object", 4, true),
    BINARY("binData", 6, true), OBJECT_ID("objectId", 7, true), BOOL("bool", 8, true), DATE("date", 9, true),
    TIMESTAMP("timestamp", 10, true), MAX_KEY("maxKey", 15, false);

    final String alias;
    final int bracket;
    /** Known to every MongoDB-wire server bluegreen meets, FerretDB 1.x included. */
    final boolean portable;

    IdType(String alias, int bracket, boolean portable) {
      this.alias = alias;
      this.bracket = bracket;
      this.portable = portable;
    }
  }

  /** Documents after {@code lastId} in {@code _id} order, every id type included. */
  static BsonDocument after(BsonValue lastId) {
    return after(lastId, false);
  }

  /** @param portableOnly whether to name only the type aliases every server knows */
  static BsonDocument after(BsonValue lastId, boolean portableOnly) {
    BsonArray or = new BsonArray();
    or.add(new BsonDocument("_id", new BsonDocument("$gt", lastId)));
    int bracket = BsonOrder.bracket(lastId.getBsonType());
    for (IdType t : IdType.values()) {
      if (t.bracket > bracket && (t.portable || !portableOnly)) {
        or.add(new BsonDocument("_id", new BsonDocument("$type", new BsonString(t.alias))));
      }
    }
    return or.size() == 1 ? or.get(0).asDocument() : new BsonDocument("$or", or);
  }

  /**
   * Opens {@code read} on the documents after {@code lastId}; on a server that refuses a type
   * alias, once more naming only the portable ones.
   */
  static MongoCursor<RawBsonDocument> iterate(BsonValue lastId, Function<BsonDocument, MongoCursor<RawBsonDocument>> read) {
    try {
      return read.apply(after(lastId));
    } catch (MongoCommandException e) {
      if (e.getErrorCode() != BAD_VALUE || !String.valueOf(e.getErrorMessage()).contains("type name alias")) {
        throw e;
      }
      return read.apply(after(lastId, true));
    }
  }
}
