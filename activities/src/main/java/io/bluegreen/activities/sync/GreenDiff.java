package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One collection of Green against Green at the cutover (the baseline, or where the cutover left
 * Green unlike it, its record: {@link GreenAtCutover}), merged in {@code _id} order: a document on
 * Green and not there at the cutover was created, one there and not on Green deleted, one whose
 * hash differs changed; what Green's release migrated before the cutover is none of them. Green's
 * own documents from before the copy are neither. Reads only; memory is bounded by the streams'
 * read-ahead and {@code maxIds} ids per kind.
 */
final class GreenDiff {
  private final String name;
  private final MongoCollection<RawBsonDocument> green;
  private final BaselineStore store;
  private final int cursorBatch;
  private final int maxIds;
  private final LongConsumer progress;
  private final List<String> created = new ArrayList<>();
  private final List<String> changed = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();
  private long createdCount;
  private long changedCount;
  private long deletedCount;
  private long seen;

  GreenDiff(
      String name,
      MongoCollection<RawBsonDocument> green,
      BaselineStore store,
      int cursorBatch,
      int maxIds,
      LongConsumer progress) {
    this.name = name;
    this.green = green;
    this.store = store;
    this.cursorBatch = cursorBatch;
    this.maxIds = maxIds;
    this.progress = progress;
  }

  GreenCollectionChanges run() {
    if (store.recorded(name) < 0) {
      return new GreenCollectionChanges(
          name, 0, 0, 0, null, null, null, "no baseline for this collection: not compared");
    }
    try (SortedStream g = new SortedStream(green, cursorBatch, "diff-green-" + name);
        GreenAtCutover.Reference r = GreenAtCutover.reference(store, name);
        GreenOwnIds own = new GreenOwnIds(store, name)) {
      while (true) {
        BsonValue id = SortedStream.min(g.peekId(), r.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument gd = g.takeIf(id);
        r.take(id);
        byte[] gh = gd == null ? null : BaselineEntry.hash(gd);
        if (Arrays.equals(gh, r.green()) || (r.base() == null && own.contains(id))) {
          // unchanged since the cutover, or Green's own from before the copy
        } else if (r.green() == null) {
          createdCount++;
          add(created, id);
        } else if (gd == null) {
          deletedCount++;
          add(deleted, id);
        } else {
          changedCount++;
          add(changed, id);
        }
        if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
          progress.accept(seen);
        }
      }
    }
    progress.accept(seen);
    return new GreenCollectionChanges(
        name,
        createdCount,
        changedCount,
        deletedCount,
        List.copyOf(created),
        List.copyOf(changed),
        List.copyOf(deleted),
        null);
  }

  long seen() {
    return seen;
  }

  private void add(List<String> ids, BsonValue id) {
    if (ids.size() < maxIds) {
      ids.add(BsonIds.toJson(id));
    }
  }
}
