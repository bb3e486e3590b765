package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.bson.RawBsonDocument;

/**
 * A collection the baseline holds that Green no longer has: Green's new release dropped or renamed
 * it. That is Green's own change, kept like any other: the collection is not recreated (it would
 * come back with only what Blue changed since, and under a name Green's release no longer reads).
 * Blue's documents unchanged since the baseline count as Green's deletes kept; each one Blue
 * inserted, updated or deleted since is a conflict (Green: deleted), settled only by {@code
 * green-wins} (the collection stays dropped). Under {@code halt} and {@code blue-wins} the operator
 * decides: recreate the collection on Green, or resync with green-wins for it. The baseline is left
 * as it is, so every later pass says the same.
 */
final class GreenDroppedCollection {
  private GreenDroppedCollection() {}

  static SyncCollectionResult check(
      String name,
      MongoCollection<RawBsonDocument> blue,
      BaselineStore store,
      String policy,
      int cursorBatch,
      CollectionSync.ConflictSink sink,
      LongConsumer progress) {
    long[] kept = new long[1];
    long[] conflicts = new long[1];
    long[] resolved = new long[1];
    long[] seen = new long[1];
    try (SortedStream b = new SortedStream(blue, cursorBatch, "sync-green-dropped-" + name);
        BaselineChunks.Reader h = store.read(name)) {
      AgainstBaseline.walk(
          b,
          h,
          (id, bd, bh, hh) -> {
            if (Arrays.equals(bh, hh)) {
              kept[0]++;
            } else if (SyncPolicy.GREEN_WINS.equals(policy)) {
              resolved[0]++;
            } else {
              conflicts[0]++;
              sink.conflict(
                  new SyncConflict(
                      name, BsonIds.toJson(id), ThreeWay.change(bh, hh), SyncConflict.DELETED));
            }
            if (++seen[0] % CollectionDiff.PROGRESS_EVERY == 0) {
              progress.accept(seen[0]);
            }
            return true;
          });
    }
    progress.accept(seen[0]);
    String note =
        "dropped or renamed on Green since the baseline (Green's own change): not recreated"
            + (conflicts[0] > 0
                ? "; Blue changed "
                    + conflicts[0]
                    + " of its documents since, listed as conflicts (Green: deleted):"
                    + " recreate the collection on Green, or resync with green-wins for it to keep it dropped"
                : resolved[0] > 0
                    ? "; Blue's "
                        + resolved[0]
                        + " changes to it since are dropped too (green-wins)"
                    : "; Blue has not changed it since");
    return new SyncCollectionResult(
        name, 0, 0, 0, kept[0], conflicts[0], resolved[0], false, false, false, note);
  }
}
