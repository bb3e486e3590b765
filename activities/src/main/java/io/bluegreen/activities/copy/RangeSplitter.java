package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.bluegreen.workflows.activities.IdRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Splits a collection into {@code _id} ranges of about equal size, for a copy in parallel, and
 * opens the read of one range.
 *
 * <p>How the split points are found, and why this way: one pass over the {@code _id}s alone, {@code
 * find({}, {_id: 1}).hint({_id: 1})} with no sort, keeping a fixed-size uniform sample (reservoir
 * sampling, fixed seed) whose quantiles, in {@link BsonOrder}, are the bounds. On MongoDB the
 * hinted, {@code _id}-only projection is a covered scan of the {@code _id} index: no document is
 * read, only index keys cross the wire. FerretDB (1.x) has no {@code _id} pushdown and sorts in
 * memory: a query with a sort, or {@code $bucketAuto} (which sorts too), would make it hold the
 * whole collection, once per split point with {@code skip}; without a sort it streams the documents
 * once and holds nothing. {@code splitVector} would be cheaper still but exists on mongod only,
 * {@code $sample} is not exact about covering the keyspace and is not portable, and the in-memory
 * emulator (mongo-java-server) serves the same unsorted read. The worker holds at most {@link
 * #SAMPLE_PER_RANGE} ids per range. The ranges need not be exactly equal: they are contiguous and
 * cover every possible id ({@link ResumeFilter#between}), so their sizes only decide the balance,
 * never which documents are copied.
 */
final class RangeSplitter {
  static final int SAMPLE_PER_RANGE = 1024;

  /** Ids per round trip: an id is small, and the scan should not take thousands of them. */
  private static final int ID_BATCH = 10_000;

  private static final long PROGRESS_EVERY = 10_000;
  private static final long SEED = 20L;

  private RangeSplitter() {}

  /**
   * Up to {@code ranges} ranges of about equal size covering every possible {@code _id}; fewer when
   * the collection has too few distinct ids; none (copy it whole) when fewer than two.
   *
   * @param progress told the ids read so far (a heartbeat)
   */
  static List<IdRange> split(
      MongoCollection<RawBsonDocument> blue, int ranges, LongConsumer progress) {
    int capacity = SAMPLE_PER_RANGE * Math.max(1, ranges);
    List<BsonValue> sample = new ArrayList<>();
    Random random = new Random(SEED);
    long seen = 0;
    try (MongoCursor<RawBsonDocument> ids = ids(blue)) {
      while (ids.hasNext()) {
        BsonValue id = ids.next().get("_id");
        seen++;
        if (sample.size() < capacity) {
          sample.add(id);
        } else {
          long j = (long) (random.nextDouble() * seen);
          if (j < capacity) {
            sample.set((int) j, id);
          }
        }
        if (seen % PROGRESS_EVERY == 0) {
          progress.accept(seen);
        }
      }
    }
    sample.sort(BsonOrder.INSTANCE);
    List<BsonValue> bounds = new ArrayList<>();
    for (int i = 1; i < ranges && sample.size() > 1; i++) {
      BsonValue b = sample.get((int) ((long) i * sample.size() / ranges));
      BsonValue previous = bounds.isEmpty() ? sample.get(0) : bounds.get(bounds.size() - 1);
      if (BsonOrder.INSTANCE.compare(previous, b) < 0) {
        bounds.add(b);
      }
    }
    if (bounds.isEmpty()) {
      return List.of();
    }
    List<IdRange> out = new ArrayList<>();
    int count = bounds.size() + 1;
    for (int k = 0; k < count; k++) {
      out.add(
          new IdRange(
              k,
              count,
              k == 0 ? null : BsonIds.toJson(bounds.get(k - 1)),
              k == count - 1 ? null : BsonIds.toJson(bounds.get(k))));
    }
    return out;
  }

  /** The ids in the order the server finds cheapest: the {@code _id} index where there is one. */
  private static MongoCursor<RawBsonDocument> ids(MongoCollection<RawBsonDocument> blue) {
    FindIterable<RawBsonDocument> find =
        blue.find().projection(new BsonDocument("_id", new BsonInt32(1))).batchSize(ID_BATCH);
    try {
      return find.hint(new BsonDocument("_id", new BsonInt32(1))).iterator();
    } catch (MongoCommandException e) {
      // A server that cannot take the hint (no such index to name, or hints not implemented)
      // reads the same ids without it.
      return find.hint(null).iterator();
    }
  }

  /**
   * Opens {@code read} on the documents of {@code range} (the whole collection when null), or, when
   * {@code lastId} is given, on those of the range after it.
   */
  static MongoCursor<RawBsonDocument> open(
      IdRange range, BsonValue lastId, Function<BsonDocument, MongoCursor<RawBsonDocument>> read) {
    BsonValue to = range == null || range.toId() == null ? null : BsonIds.fromJson(range.toId());
    BsonValue from =
        lastId != null
            ? lastId
            : range == null || range.fromId() == null ? null : BsonIds.fromJson(range.fromId());
    boolean inclusive = lastId == null;
    if (from == null && to == null) {
      return read.apply(new BsonDocument());
    }
    return ResumeFilter.iterate(
        (Set<ResumeFilter.IdType> refused) -> ResumeFilter.between(from, inclusive, to, refused),
        read);
  }
}
