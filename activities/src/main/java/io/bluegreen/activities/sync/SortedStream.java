package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.bluegreen.activities.copy.BsonOrder;
import io.bluegreen.activities.copy.IdOrder;
import io.bluegreen.activities.copy.Prefetcher;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * One collection in {@code _id} order, read ahead on a thread of its own, with a one-document
 * look-ahead for merging several such streams (Blue, Green and the baseline). At most (DEPTH + 2)
 * chunks of CHUNK_BYTES are held.
 */
final class SortedStream implements AutoCloseable {
  private static final int CHUNK_DOCS = 1000;
  private static final long CHUNK_BYTES = 4L * 1024 * 1024;
  private static final int DEPTH = 2;

  /** What one stream holds at most: (DEPTH + 2) chunks. */
  static final long HELD_BYTES = (DEPTH + 2) * CHUNK_BYTES;

  private final Prefetcher prefetcher;
  private List<RawBsonDocument> chunk = List.of();
  private int at;
  private RawBsonDocument head;
  private boolean started;

  SortedStream(MongoCollection<RawBsonDocument> c, int cursorBatch, String threadName) {
    this(c, new BsonDocument(), cursorBatch, threadName);
  }

  /** Only the documents {@code filter} matches (an {@code _id} range, see {@link IdRanges}). */
  SortedStream(
      MongoCollection<RawBsonDocument> c, Bson filter, int cursorBatch, String threadName) {
    prefetcher =
        new Prefetcher(
            // The simple collation, whatever the collection's own: the merges compare with
            // BsonOrder (see IdOrder).
            // allowDiskUse: a collection with a collation of its own is sorted by the server, and
            // MongoDB
            // 4.4/5.0 refuse such a sort over 100 MB without it (an _id-index walk ignores it).
            () ->
                IdOrder.iterate(
                    c.find(filter)
                        .sort(Sorts.ascending("_id"))
                        .collation(IdOrder.SIMPLE)
                        .allowDiskUse(true)
                        .batchSize(cursorBatch)),
            CHUNK_DOCS,
            CHUNK_BYTES,
            DEPTH,
            threadName);
  }

  /** The next document without consuming it, or null at the end. */
  RawBsonDocument peek() {
    if (!started) {
      started = true;
      head = read();
    }
    return head;
  }

  /** The {@code _id} of {@link #peek()}, or null at the end. */
  BsonValue peekId() {
    RawBsonDocument d = peek();
    return d == null ? null : d.get("_id");
  }

  RawBsonDocument next() {
    RawBsonDocument d = peek();
    head = read();
    return d;
  }

  private RawBsonDocument read() {
    while (at >= chunk.size()) {
      List<RawBsonDocument> more = prefetcher.next();
      if (more == null) {
        return null;
      }
      chunk = more;
      at = 0;
    }
    return chunk.get(at++);
  }

  /** The smaller of two ids in MongoDB's order, a null standing for "past the end". */
  static BsonValue min(BsonValue a, BsonValue b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return BsonOrder.INSTANCE.compare(a, b) <= 0 ? a : b;
  }

  /** The stream's next document when its {@code _id} is {@code id} (consuming it), else null. */
  RawBsonDocument takeIf(BsonValue id) {
    BsonValue mine = peekId();
    if (mine != null && BsonOrder.INSTANCE.compare(mine, id) == 0) {
      return next();
    }
    return null;
  }

  @Override
  public void close() {
    prefetcher.close();
  }
}
