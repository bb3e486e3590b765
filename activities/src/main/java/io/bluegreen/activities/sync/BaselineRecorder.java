package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.workflows.activities.BaselineResult;
import java.util.function.LongConsumer;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Records one collection's baseline: the hash of every document Blue and Green hold
 * byte-identical. A document on one side only, or different on the two, stays out: the sync then
 * treats it as that side's own (or, on both, as a conflict to decide). Once complete, the
 * collection is marked in the store and a later call (a retry whose result was lost) only reads
 * the mark; an incomplete earlier attempt is dropped and recorded again.
 */
final class BaselineRecorder {
  private BaselineRecorder() {}

  static BaselineResult.Collection record(
      String name,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      BaselineStore store,
      int cursorBatch,
      LongConsumer progress) {
    long already = store.recorded(name);
    if (already >= 0) {
      return new BaselineResult.Collection(name, already, 0, true);
    }
    BaselineChunks.Writer baseline = store.writeNext(name);
    long recorded = 0;
    long differing = 0;
    long seen = 0;
    try (SortedStream b = new SortedStream(blue, cursorBatch, "baseline-blue-" + name);
        SortedStream g = new SortedStream(green, cursorBatch, "baseline-green-" + name)) {
      while (true) {
        BsonValue id = SortedStream.min(b.peekId(), g.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        RawBsonDocument gd = g.takeIf(id);
        if (bd != null && gd != null && CollectionDiff.bytes(bd).equals(CollectionDiff.bytes(gd))) {
          baseline.add(id, BaselineEntry.hash(bd));
          recorded++;
        } else {
          differing++;
        }
        if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
          progress.accept(seen);
        }
      }
    }
    progress.accept(seen);
    store.commit(name, baseline);
    return new BaselineResult.Collection(name, recorded, differing, false);
  }
}
