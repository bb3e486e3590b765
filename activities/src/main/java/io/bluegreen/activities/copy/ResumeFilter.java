package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCursor;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a resumed copy starts reading Blue: the documents whose {@code _id} sorts after the last
 * copied one; and, for a collection copied in {@code _id} ranges, the documents of one range (at
 * least its lower bound, below its upper bound), or of the rest of a range after its checkpoint.
 *
 * <p>{@code $gt} only matches values of the same type bracket, so ids of the brackets that sort
 * later (a string after numbers, an ObjectId after strings...) are added with {@code $type};
 * without them a resumed copy of a collection with mixed id types would skip documents.
 *
 * <p>FerretDB 1.x refuses a query naming a type alias it does not know ({@code decimal}, {@code
 * maxKey}: BadValue, code 2), so every resumed copy on it failed and was retried forever. It can
 * hold no {@code _id} of a type it does not know, so the same read runs again without the alias it
 * named.
 */
final class ResumeFilter {
  private static final int BAD_VALUE = 2;
  private static final Logger log = LoggerFactory.getLogger(ResumeFilter.class);

  private ResumeFilter() {}

  /**
   * The BSON types an {@code _id} can have (not arrays, regular expressions or undefined), by
   * MongoDB sort bracket ({@link BsonOrder#bracket}).
   */
  enum IdType {
    MIN_KEY("minKey", 0, false),
    NULL("null", 1, true),
    NUMBER_INT("int", 2, true),
    NUMBER_LONG("long", 2, true),
    NUMBER_DOUBLE("double", 2, true),
    NUMBER_DECIMAL("decimal", 2, false),
    SYMBOL("symbol", 3, false),
    STRING("string", 3, true),
    OBJECT("object", 4, true),
    BINARY("binData", 6, true),
    OBJECT_ID("objectId", 7, true),
    BOOL("bool", 8, true),
    DATE("date", 9, true),
    TIMESTAMP("timestamp", 10, true),
    DB_POINTER("dbPointer", 12, false),
    JAVASCRIPT("javascript", 13, false),
    JAVASCRIPT_WITH_SCOPE("javascriptWithScope", 14, false),
    MAX_KEY("maxKey", 15, false);

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
    return after(lastId, EnumSet.noneOf(IdType.class));
  }

  /**
   * @param refused type aliases the server does not know, left out
   */
  static BsonDocument after(BsonValue lastId, Set<IdType> refused) {
    return between(lastId, false, null, refused);
  }

  /**
   * Documents from {@code from} (included when {@code inclusive}; null: from the first) up to
   * {@code to} (excluded; null: to the last), in {@code _id} order across types.
   *
   * <p>{@code $gt} and {@code $lt} only match values of their bound's own type bracket: the bound's
   * bracket is matched by comparison, every bracket strictly between the two bounds' by {@code
   * $type}. So a range from the number 7 to the string "k" holds the numbers from 7, every string
   * below "k", and nothing of another type; the next range, from "k" on, holds the rest of the
   * strings and every ObjectId. No document of any type falls between two ranges or in two.
   *
   * @param refused type aliases the server does not know, left out
   */
  static BsonDocument between(
      BsonValue from, boolean inclusive, BsonValue to, Set<IdType> refused) {
    String lower = inclusive ? "$gte" : "$gt";
    int fromBracket = from == null ? -1 : BsonOrder.bracket(from.getBsonType());
    int toBracket = to == null ? Integer.MAX_VALUE : BsonOrder.bracket(to.getBsonType());
    if (from != null && to != null && fromBracket == toBracket) {
      return new BsonDocument("_id", new BsonDocument(lower, from).append("$lt", to));
    }
    BsonArray or = new BsonArray();
    if (from != null) {
      or.add(new BsonDocument("_id", new BsonDocument(lower, from)));
    }
    for (IdType t : IdType.values()) {
      if (t.bracket > fromBracket && t.bracket < toBracket && !refused.contains(t)) {
        or.add(new BsonDocument("_id", new BsonDocument("$type", new BsonString(t.alias))));
      }
    }
    if (to != null) {
      or.add(new BsonDocument("_id", new BsonDocument("$lt", to)));
    }
    if (from == null && to == null) {
      return new BsonDocument();
    }
    return or.size() == 1 ? or.get(0).asDocument() : new BsonDocument("$or", or);
  }

  /**
   * Opens {@code read} on the documents after {@code lastId}. A server that refuses a type alias
   * names it; the read runs again without that one alias, and only that one, since a server that
   * does not know a type cannot hold an {@code _id} of it. A refusal naming no alias we asked for
   * leaves out every alias that is not portable.
   */
  static MongoCursor<RawBsonDocument> iterate(
      BsonValue lastId, Function<BsonDocument, MongoCursor<RawBsonDocument>> read) {
    return iterate((Function<Set<IdType>, BsonDocument>) refused -> after(lastId, refused), read);
  }

  /**
   * As {@link #iterate(BsonValue, Function)}, for any filter built from the aliases still allowed.
   */
  static MongoCursor<RawBsonDocument> iterate(
      Function<Set<IdType>, BsonDocument> filter,
      Function<BsonDocument, MongoCursor<RawBsonDocument>> read) {
    Set<IdType> refused = EnumSet.noneOf(IdType.class);
    while (true) {
      try {
        return read.apply(filter.apply(refused));
      } catch (MongoCommandException e) {
        String message = String.valueOf(e.getErrorMessage());
        if (e.getErrorCode() != BAD_VALUE || !message.contains("type name alias")) {
          throw e;
        }
        Set<IdType> named = EnumSet.noneOf(IdType.class);
        for (IdType t : IdType.values()) {
          if (!refused.contains(t) && message.matches("(?s).*\\b" + t.alias + "\\b.*")) {
            named.add(t);
          }
        }
        if (named.isEmpty()) {
          if (refused.containsAll(nonPortable())) {
            throw e;
          }
          named = nonPortable();
        }
        log.warn(
            "the server does not know the _id type alias(es) {} ({}); resuming without them",
            names(named),
            message);
        refused.addAll(named);
      }
    }
  }

  private static Set<IdType> nonPortable() {
    Set<IdType> out = EnumSet.noneOf(IdType.class);
    for (IdType t : IdType.values()) {
      if (!t.portable) {
        out.add(t);
      }
    }
    return out;
  }

  private static String names(Set<IdType> types) {
    return types.stream().map(t -> t.alias).toList().toString();
  }
}
