package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import io.bluegreen.activities.copy.CollectionDiff;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Green as the final pass left it, kept where it differs from the baseline: the documents only
 * Green had changed before the cutover (its new release's migrations, its own inserts and deletes).
 * The baseline must stay the common ancestor there (Blue's late changes are told by it while LIVE),
 * so "what Green did while LIVE" is Green against this record where it has an entry, else against
 * the baseline ({@link Reference}).
 *
 * <p>Written once per collection by each final pass, after its baseline is committed: Green and the
 * baseline merged in {@code _id} order, written as chunks of a fresh generation ({@code
 * K~g~<collection>~<generation>}, the baseline's layout), then switched to in the key's meta
 * ({@code cutover:<collection>}), the one before dropped. A final pass run again (after a halt or a
 * retry) replaces it; it goes with the baseline's key. Green's own documents from before the copy
 * are left out (they are never Green's changes).
 */
final class GreenAtCutover {
  /** The entry of a document Green deleted: 16 zero bytes, never the start of a SHA-256. */
  static final byte[] DELETED = new byte[BaselineEntry.HASH_BYTES];

  private GreenAtCutover() {}

  /** Records the collection's Green against its (just committed) baseline. */
  static void record(
      BaselineStore store,
      String name,
      MongoCollection<RawBsonDocument> green,
      int cursorBatch,
      LongConsumer progress) {
    long generation = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    BaselineChunks.Writer out =
        new BaselineChunks.Writer(
            chunks(store, name, generation).withDocumentClass(BsonDocument.class),
            generation,
            null);
    long[] seen = new long[1];
    try (SortedStream g = new SortedStream(green, cursorBatch, "cutover-green-" + name);
        BaselineChunks.Reader h = store.read(name);
        GreenOwnIds own = new GreenOwnIds(store, name)) {
      AgainstBaseline.walk(
          g,
          h,
          (id, doc, gh, hh) -> {
            if (!Arrays.equals(gh, hh) && !(hh == null && own.contains(id))) {
              out.add(id, gh == null ? DELETED : gh);
            }
            if (++seen[0] % CollectionDiff.PROGRESS_EVERY == 0) {
              progress.accept(seen[0]);
            }
            return true;
          });
    }
    out.close();
    BsonDocument before =
        store
            .meta()
            .findOneAndReplace(
                new BsonDocument("_id", metaId(name)),
                new BsonDocument("_id", metaId(name))
                    .append("generation", new BsonInt64(generation)),
                new FindOneAndReplaceOptions().upsert(true));
    if (before != null) {
      chunks(store, name, before.getNumber("generation").longValue()).drop();
    }
    // A late attempt after the run's drop removes what it just wrote.
    store.owner().refuseIfDropped();
  }

  /** The collection's baseline beside Green at the cutover, in {@code _id} order. */
  static Reference reference(BaselineStore store, String name) {
    BsonDocument m = store.meta().find(new BsonDocument("_id", metaId(name))).first();
    MongoCollection<RawBsonDocument> at =
        m == null ? null : chunks(store, name, m.getNumber("generation").longValue());
    return new Reference(store.read(name), new BaselineChunks.Reader(at, "cutover-" + name));
  }

  private static BsonString metaId(String name) {
    return new BsonString("cutover:" + name);
  }

  private static MongoCollection<RawBsonDocument> chunks(
      BaselineStore store, String name, long generation) {
    return store.side("g~" + name + "~" + Long.toString(generation, 36));
  }

  /**
   * Per {@code _id}: the baseline's hash, and Green's at the cutover (the record's entry where it
   * has one, else the baseline's). Ids must be taken in ascending order.
   */
  static final class Reference implements AutoCloseable {
    private final BaselineChunks.Reader baseline;
    private final BaselineChunks.Reader cutover;
    private byte[] base;
    private byte[] green;

    Reference(BaselineChunks.Reader baseline, BaselineChunks.Reader cutover) {
      this.baseline = baseline;
      this.cutover = cutover;
    }

    /** The next {@code _id} either holds, or null at the end. */
    BsonValue peekId() {
      return SortedStream.min(baseline.peekId(), cutover.peekId());
    }

    /** Moves to {@code id}: {@link #base} and {@link #green} are then its hashes (null: none). */
    void take(BsonValue id) {
      base = baseline.takeIf(id);
      byte[] c = cutover.takeIf(id);
      green = c == null ? base : Arrays.equals(c, DELETED) ? null : c;
    }

    byte[] base() {
      return base;
    }

    byte[] green() {
      return green;
    }

    @Override
    public void close() {
      try (cutover) {
        baseline.close();
      }
    }
  }
}
