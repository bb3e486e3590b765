package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import io.bluegreen.activities.copy.BsonOrder;
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
 * Green as the cutover left it, kept where it differs from the baseline: the documents only Green
 * had changed before the cutover (its new release's migrations, its own inserts and deletes). The
 * baseline must stay the common ancestor there (Blue's late changes are told by it while LIVE), so
 * "what Green did while LIVE" is Green against this record where it has an entry, else against the
 * baseline ({@link Reference}).
 *
 * <p>Where it is recorded: every full pass writes it as it merges, from the Green it reads anyway
 * and what it writes there; the cutover's final pass, which reads Green only where Blue changed,
 * carries the full pass's record over and replaces the entries of the documents it looked up. So
 * the cutover window never reads Green in full for it. (A change Green made between the cutover's
 * full pass and its final pass, on a document Blue left alone, is therefore told as Green's change
 * after the cutover: named in the diff, never hidden.) A final pass that finds no record (its full
 * pass ran before this rule) reads Green in full instead ({@link #record}).
 *
 * <p>Layout: chunks of a fresh generation ({@code K~g~<collection>~<generation>}, the baseline's
 * layout), switched to in the key's meta ({@code cutover:<collection>}) after the pass's baseline
 * is committed, the one before dropped; it goes with the baseline's key. Green's own documents from
 * before the copy are left out (they are never Green's changes).
 */
final class GreenAtCutover {
  /** The entry of a document Green deleted: 16 zero bytes, never the start of a SHA-256. */
  static final byte[] DELETED = new byte[BaselineEntry.HASH_BYTES];

  /** Green's hash where a final pass did not read Green (Blue left the document alone). */
  static final byte[] UNREAD = new byte[0];

  private GreenAtCutover() {}

  /**
   * Records the collection's Green against its (just committed) baseline, reading Green in full;
   * returns the documents and entries looked at.
   */
  static long record(
      BaselineStore store,
      String name,
      MongoCollection<RawBsonDocument> green,
      int cursorBatch,
      LongConsumer progress) {
    long[] seen = new long[1];
    Long baseline = store.current(name);
    try (Recorder out = new Recorder(store, name, false);
        SortedStream g = new SortedStream(green, cursorBatch, "cutover-green-" + name);
        BaselineChunks.Reader h = store.read(name)) {
      AgainstBaseline.walk(
          g,
          h,
          (id, doc, gh, hh) -> {
            out.entry(id, gh, hh);
            if (++seen[0] % CollectionDiff.PROGRESS_EVERY == 0) {
              progress.accept(seen[0]);
            }
            return true;
          });
      out.commit(baseline);
    }
    return seen[0];
  }

  /**
   * A writer of the record's next generation, fed by a pass in {@code _id} order; {@code
   * carryingOver}: the entries it is not told about ({@link #UNREAD}, and ids it never visits) are
   * the current record's.
   */
  static Recorder recorder(BaselineStore store, String name, boolean carryingOver) {
    return new Recorder(store, name, carryingOver);
  }

  /**
   * Whether the collection's record can be carried over by a pass that starts from baseline
   * generation {@code baseline}: only a record written against that very generation. Any other (a
   * pass's attempt that committed its baseline and died before its record, an older worker's pass
   * in between, a collection dropped and made again) may be out of date where the pass does not
   * look.
   */
  static boolean carriesOver(BaselineStore store, String name, Long baseline) {
    BsonDocument m = store.meta().find(new BsonDocument("_id", metaId(name))).first();
    return m != null
        && baseline != null
        && m.isNumber(BASELINE)
        && m.getNumber(BASELINE).longValue() == baseline;
  }

  /** The meta field naming the baseline generation a record was written against. */
  private static final String BASELINE = "baseline";

  /** The next generation of one collection's record, written as a pass goes. */
  static final class Recorder implements AutoCloseable {
    private final BaselineStore store;
    private final String name;
    private final long generation = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    private final BaselineChunks.Writer out;
    private final BaselineChunks.Reader previous;
    private final GreenOwnIds own;
    private boolean committed;

    private Recorder(BaselineStore store, String name, boolean carryingOver) {
      this.store = store;
      this.name = name;
      this.out =
          new BaselineChunks.Writer(
              chunks(store, name, generation).withDocumentClass(BsonDocument.class),
              generation,
              null);
      this.previous = carryingOver ? current(store, name) : null;
      this.own = new GreenOwnIds(store, name);
    }

    /**
     * One {@code _id}, ascending: Green's hash after the pass (null: none; {@link #UNREAD}: not
     * read) and the next baseline's.
     */
    void entry(BsonValue id, byte[] green, byte[] next) {
      carryOverBelow(id);
      byte[] before = previous == null ? null : previous.takeIf(id);
      if (green == UNREAD) {
        if (before != null) {
          out.add(id, before);
        }
      } else if (!Arrays.equals(green, next) && !(next == null && own.contains(id))) {
        out.add(id, green == null ? DELETED : green);
      }
    }

    /**
     * Makes this generation the record, written against baseline generation {@code baseline} (the
     * one the pass just committed).
     */
    void commit(Long baseline) {
      carryOverBelow(null);
      out.close();
      BsonDocument next =
          new BsonDocument("_id", metaId(name)).append("generation", new BsonInt64(generation));
      if (baseline != null) {
        next.append(BASELINE, new BsonInt64(baseline));
      }
      BsonDocument before =
          store
              .meta()
              .findOneAndReplace(
                  new BsonDocument("_id", metaId(name)),
                  next,
                  new FindOneAndReplaceOptions().upsert(true));
      if (before != null) {
        chunks(store, name, before.getNumber("generation").longValue()).drop();
      }
      committed = true;
      // A late attempt after the run's drop removes what it just wrote.
      store.owner().refuseIfDropped();
    }

    /** Drops what was written (the pass did not commit its baseline). */
    private void abandon() {
      chunks(store, name, generation).drop();
    }

    /** Entries of the current record below {@code id} (all of them when null) go on unchanged. */
    private void carryOverBelow(BsonValue id) {
      if (previous == null) {
        return;
      }
      BsonValue p;
      while ((p = previous.peekId()) != null
          && (id == null || BsonOrder.INSTANCE.compare(p, id) < 0)) {
        out.add(p, previous.takeIf(p));
      }
    }

    /** Closes the readers; a generation never committed (the pass failed) is dropped. */
    @Override
    public void close() {
      try (own) {
        if (previous != null) {
          previous.close();
        }
      } finally {
        if (!committed) {
          try {
            abandon();
          } catch (RuntimeException e) {
            // Best effort: a leftover generation goes with the run's baseline at its end.
          }
        }
      }
    }
  }

  /** The collection's baseline beside Green at the cutover, in {@code _id} order. */
  static Reference reference(BaselineStore store, String name) {
    return new Reference(store.read(name), current(store, name));
  }

  /** The collection's current record, in {@code _id} order (empty when there is none). */
  private static BaselineChunks.Reader current(BaselineStore store, String name) {
    BsonDocument m = store.meta().find(new BsonDocument("_id", metaId(name))).first();
    MongoCollection<RawBsonDocument> at =
        m == null ? null : chunks(store, name, m.getNumber("generation").longValue());
    return new BaselineChunks.Reader(at, "cutover-" + name);
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
