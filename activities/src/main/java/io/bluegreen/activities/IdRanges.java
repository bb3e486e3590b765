package io.bluegreen.activities;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Splits a collection into {@code _id} ranges that can be read at the same time, each in
 * {@code _id} order, together covering every document exactly once whatever the types of its
 * ids. A range is {@code [from, to)}; {@code $gte}/{@code $lt} only match ids of the bound's type
 * bracket, so the ids of the brackets before (or after) the bound are added by {@code $type}.
 */
final class IdRanges {
  private IdRanges() {}

  /**
   * Filters for {@code parts} ranges of about equal size, split at ids of the baseline (which is
   * small, and holds the ids of the collection as it was): an empty list filter {@code {}} when one
   * part is asked for or the baseline is too small to split.
   */
  static List<BsonDocument> split(MongoCollection<RawBsonDocument> baseline, int parts) {
    long n = baseline.countDocuments();
    List<BsonValue> bounds = new ArrayList<>();
    for (int i = 1; i < parts && n >= parts; i++) {
      RawBsonDocument at = baseline.find().sort(Sorts.ascending("_id")).skip((int) (n * i / parts)).limit(1)
          .projection(Projections.include("_id")).first();
      if (at != null && (bounds.isEmpty() || BsonOrder.INSTANCE.compare(bounds.get(bounds.size() - 1), at.get("_id")) < 0)) {
        bounds.add(at.get("_id"));
      }
    }
    List<BsonDocument> out = new ArrayList<>();
    BsonValue from = null;
    for (BsonValue to : bounds) {
      out.add(range(from, to));
      from = to;
    }
    out.add(range(from, null));
    return out;
  }

  /** Ids at or after {@code from} (null: from the start) and before {@code to} (null: to the end). */
  static BsonDocument range(BsonValue from, BsonValue to) {
    List<BsonDocument> all = new ArrayList<>();
    if (from != null) {
      all.add(atOrAfter(from));
    }
    if (to != null) {
      all.add(before(to));
    }
    if (all.isEmpty()) {
      return new BsonDocument();
    }
    return all.size() == 1 ? all.get(0) : new BsonDocument("$and", new BsonArray(all));
  }

  static BsonDocument atOrAfter(BsonValue from) {
    return bracketed(from, "$gte", true);
  }

  static BsonDocument before(BsonValue to) {
    return bracketed(to, "$lt", false);
  }

  private static BsonDocument bracketed(BsonValue bound, String op, boolean later) {
    BsonArray or = new BsonArray();
    or.add(new BsonDocument("_id", new BsonDocument(op, bound)));
    int bracket = BsonOrder.bracket(bound.getBsonType());
    for (CollectionCopyActivitiesImpl.IdType t : CollectionCopyActivitiesImpl.IdType.values()) {
      if (later ? t.bracket > bracket : t.bracket < bracket) {
        or.add(new BsonDocument("_id", new BsonDocument("$type", new BsonString(t.alias))));
      }
    }
    return or.size() == 1 ? or.get(0).asDocument() : new BsonDocument("$or", or);
  }
}
