package io.bluegreen.activities.sync;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.BsonOrder;
import io.bluegreen.activities.copy.IdOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Writes to a side that users are editing (Blue serving again during a carry-back, Green LIVE
 * during a catch-up) that happen only while the target is still what the decision read:
 *
 * <ul>
 *   <li>the target was there: a replace or delete whose filter is its {@code _id}, every top-level
 *       field as read (each by {@code $eq}), and, where the server has it, {@code $expr: {$eq:
 *       ["$$ROOT", <the document as read>]}} (no field added either). A user's edit or delete since
 *       the read makes it match nothing;
 *   <li>the target was absent: a plain insert, which a user's insert of the same {@code _id}
 *       refuses with a duplicate key.
 * </ul>
 *
 * The caller lists what did not match as a conflict: never an overwrite. MongoDB and
 * mongo-java-server evaluate the {@code $expr}; a server that does not (FerretDB 1.x, found by
 * {@link #comparesWholeDocuments}) gets the per-field filter only, which cannot see a field a user
 * added between the caller's last read and the write (fields whose names hold a dot or start with
 * {@code $} are left out of it too: a filter would read them as paths or operators). See
 * docs/three-way-sync.md.
 */
final class ConditionalWrites {
  /** Test seam: runs right before each batch of conditional writes is sent. */
  static volatile Runnable beforeWrite = () -> {};

  private static final int MAX_REASON = 200;

  private ConditionalWrites() {}

  /** The write taking the target from {@code read} (null: absent) to {@code to} (null: delete). */
  static WriteModel<RawBsonDocument> write(
      BsonValue id, RawBsonDocument read, RawBsonDocument to, boolean wholeDocument) {
    if (read == null) {
      return new InsertOneModel<>(to);
    }
    BsonDocument filter = asRead(id, read, wholeDocument);
    return to == null
        ? new DeleteOneModel<>(filter, IdOrder.delete())
        : new ReplaceOneModel<>(filter, to, new ReplaceOptions().collation(IdOrder.SIMPLE));
  }

  /** {@code _id} and every top-level field of the document as read, each by {@code $eq}. */
  static BsonDocument asRead(BsonValue id, RawBsonDocument read, boolean wholeDocument) {
    BsonDocument filter = new BsonDocument("_id", BaselineEntry.plain(id));
    for (Map.Entry<String, BsonValue> field : read.entrySet()) {
      String name = field.getKey();
      if (name.equals("_id") || name.startsWith("$") || name.contains(".")) {
        continue;
      }
      filter.append(name, new BsonDocument("$eq", field.getValue()));
    }
    if (!wholeDocument) {
      return filter;
    }
    // Nothing more, nothing less: no field added since the read either.
    filter.append(
        "$expr",
        new BsonDocument(
            "$eq",
            new BsonArray(
                List.of(
                    new BsonString("$$ROOT"),
                    new BsonDocument("$literal", read.decode(new BsonDocumentCodec()))))));
    return filter;
  }

  /**
   * Whether the server evaluates {@code $expr} on {@code $$ROOT} in a filter: one query that
   * matches nothing by {@code _id} (no scan).
   */
  static boolean comparesWholeDocuments(MongoCollection<RawBsonDocument> c) {
    BsonDocument probe =
        new BsonDocument("_id", new BsonDocument("$in", new BsonArray()))
            .append(
                "$expr",
                new BsonDocument(
                    "$eq",
                    new BsonArray(
                        List.of(
                            new BsonString("$$ROOT"),
                            new BsonDocument("$literal", new BsonDocument())))));
    try {
      c.find(probe).first();
      return true;
    } catch (MongoCommandException e) {
      return false;
    }
  }

  /**
   * Writes that matched nothing although their target is unchanged since the read: the server's
   * whole-document comparison did not hold for it (mongo-java-server's does not for nested
   * documents), so they go once more with the per-field filter alone; {@code now} (the targets as
   * looked up after the writes) is brought up to date. {@code skip}: refused, not retried.
   */
  static void retryPerField(
      MongoCollection<RawBsonDocument> c,
      List<BsonValue> ids,
      List<RawBsonDocument> reads,
      List<RawBsonDocument> tos,
      boolean[] skip,
      Map<BsonValue, RawBsonDocument> now,
      Consumer<List<WriteModel<RawBsonDocument>>> apply) {
    List<WriteModel<RawBsonDocument>> again = new ArrayList<>();
    List<BsonValue> againIds = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      byte[] nh = hash(now.get(ids.get(i)));
      if (!skip[i]
          && reads.get(i) != null
          && !Arrays.equals(nh, hash(tos.get(i)))
          && Arrays.equals(nh, hash(reads.get(i)))) {
        again.add(write(ids.get(i), reads.get(i), tos.get(i), false));
        againIds.add(ids.get(i));
      }
    }
    if (again.isEmpty()) {
      return;
    }
    apply.accept(again); // a refusal leaves the target as read: the caller lists a conflict
    Map<BsonValue, RawBsonDocument> redone = lookUp(c, againIds);
    for (BsonValue id : againIds) {
      RawBsonDocument d = redone.get(id);
      if (d == null) {
        now.remove(id);
      } else {
        now.put(id, d);
      }
    }
  }

  /** Unordered; a write refused is left as it was (the caller lists it), not thrown. */
  static void unordered(MongoCollection<RawBsonDocument> c, List<WriteModel<RawBsonDocument>> w) {
    try {
      c.bulkWrite(w, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteConcernError() != null) {
        throw e; // not known to be durable: the activity fails and is retried
      }
    }
  }

  /** The documents with these {@code _id}s as they are now, by plain {@code _id}. */
  static Map<BsonValue, RawBsonDocument> lookUp(
      MongoCollection<RawBsonDocument> c, Collection<BsonValue> ids) {
    Map<BsonValue, RawBsonDocument> found = new TreeMap<>(BsonOrder.INSTANCE);
    BsonArray in = new BsonArray();
    ids.forEach(id -> in.add(BaselineEntry.plain(id)));
    for (RawBsonDocument d :
        c.find(new BsonDocument("_id", new BsonDocument("$in", in))).batchSize(500)) {
      found.put(BaselineEntry.plain(d.get("_id")), d);
    }
    return found;
  }

  static byte[] hash(RawBsonDocument d) {
    return d == null ? null : BaselineEntry.hash(d);
  }

  /** The server's message up to the first document value (E11000 ends in the duplicate key). */
  static String reason(String message) {
    String m = message == null ? "" : message;
    int cut = m.indexOf(" dup key");
    if (cut < 0) {
      cut = m.indexOf('{');
    }
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    m = m.strip();
    return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) : m;
  }
}
