package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.copy.BsonOrder;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.workflows.activities.BaselineResult;
import java.util.function.LongConsumer;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Records one collection's baseline from what bluegreen wrote: the hash of every document Green
 * holds, but those it held before the copy (Green's own, recorded at PREFLIGHT). Green has not
 * started its new release before the baseline, so each of them is Blue's document at some moment
 * (its copy, or a repair's): a later Blue edit or delete of it is then "only Blue changed", never a
 * conflict nobody made nor a delete lost, even when Blue changed it between its copy and now.
 *
 * <p>Once complete, the collection is marked in the store and a later call (a retry whose result
 * was lost) only reads the mark; an overlapping attempt that committed first wins.
 */
final class BaselineRecorder {
  private BaselineRecorder() {}

  static BaselineResult.Collection record(
      String name,
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
    long greensOwn = 0;
    long seen = 0;
    try (SortedStream g = new SortedStream(green, cursorBatch, "baseline-green-" + name);
        SortedStream own =
            new SortedStream(store.greenOwn(name), cursorBatch, "baseline-own-" + name)) {
      for (RawBsonDocument gd = g.next(); gd != null; gd = g.next()) {
        BsonValue id = gd.get("_id");
        while (own.peekId() != null && BsonOrder.INSTANCE.compare(own.peekId(), id) < 0) {
          own.next(); // Green's own document since deleted (by a repair): nothing to leave out
        }
        if (own.takeIf(id) != null) {
          greensOwn++;
        } else {
          baseline.add(id, BaselineEntry.hash(gd));
          recorded++;
        }
        if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
          progress.accept(seen);
        }
      }
    }
    progress.accept(seen);
    if (!store.commit(name, baseline)) {
      return new BaselineResult.Collection(name, store.recorded(name), greensOwn, true);
    }
    return new BaselineResult.Collection(name, recorded, greensOwn, false);
  }
}
