package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.BsonOrder;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.activities.copy.GreenWrites;
import io.bluegreen.activities.copy.IdOrder;
import io.bluegreen.workflows.activities.SyncConflict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One collection's three-way pass. A full pass merges three streams in {@code _id} order: Blue,
 * Green and the baseline. A final pass (the cutover window) merges only Blue and the baseline,
 * which is small, and looks up on Green, by batched {@code _id} point reads, just the documents
 * Blue changed; Green's own changes elsewhere are then not counted, and need no action.
 *
 * <p>The pass writes the next baseline generation as it merges ({@link PendingGreenWrites}) and
 * switches to it only after Green's last write, so a crash in between leaves a Green that already
 * equals Blue over the older baseline: the retry sees "both changed the same way" and only moves
 * the baseline. Every Green write is keyed by {@code _id} and lands behind the cursors, so it never
 * changes what the merge still has to read.
 */
final class CollectionSync {
  static final int LOOKUP_BATCH = 500;
  private static final ReplaceOptions UPSERT = IdOrder.upsert();

  /** Where conflicts go (shared by the collections of one pass). */
  interface ConflictSink {
    void conflict(SyncConflict conflict);
  }

  long inserted;
  long updated;
  long deleted;
  long greenKept;
  long conflicts;
  long resolved;
  long seen;

  /** Entries held back in order while candidates wait for Green's versions. */
  static final int MAX_HELD = 10_000;

  /** Bytes of Blue's held candidates: they are resolved once past this, whatever their count. */
  static final long HELD_BYTES = 8L * 1024 * 1024;

  private final String name;
  private final MongoCollection<RawBsonDocument> blue;
  private final MongoCollection<RawBsonDocument> green;
  private final BaselineStore store;
  private final String policy;
  private final int cursorBatch;
  private final ConflictSink sink;
  private final LongConsumer progress;
  private final GreenWrites writer;
  private PendingGreenWrites queue;

  CollectionSync(
      String name,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      GreenWrites writer,
      BaselineStore store,
      String policy,
      int cursorBatch,
      ConflictSink sink,
      LongConsumer progress) {
    this.name = name;
    this.blue = blue;
    this.green = green;
    this.store = store;
    this.policy = policy;
    this.cursorBatch = cursorBatch;
    this.sink = sink;
    this.progress = progress;
    this.writer = writer;
  }

  void full() {
    BaselineChunks.Writer next = store.writeNext(name);
    try (GreenAtCutover.Recorder greenAfter = GreenAtCutover.recorder(store, name, false);
        SortedStream b = new SortedStream(blue, cursorBatch, "sync-blue-" + name);
        SortedStream g = new SortedStream(green, cursorBatch, "sync-green-" + name);
        BaselineChunks.Reader h = store.read(name)) {
      queue = new PendingGreenWrites(writer, next, greenAfter, this::refused);
      while (true) {
        BsonValue id = SortedStream.min(SortedStream.min(b.peekId(), g.peekId()), h.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        RawBsonDocument gd = g.takeIf(id);
        byte[] hh = h.takeIf(id);
        apply(id, bd, hashOrNull(bd), hashOrNull(gd), hh);
        tick();
      }
      finish(greenAfter);
    }
  }

  /**
   * The final pass. Entries are held in order (the next baseline is written in {@code _id} order)
   * until the candidates among them have Green's versions: at most {@link #LOOKUP_BATCH} candidates
   * or {@link #HELD_BYTES} of them, and {@link #MAX_HELD} entries, so memory stays bounded. Green's
   * record at the cutover is carried over from the full pass's, with the looked-up documents'
   * entries replaced; with no record to carry over, Green is read in full for it once the pass is
   * done.
   */
  void fin() {
    BaselineChunks.Writer next = store.writeNext(name);
    boolean carryOver = GreenAtCutover.carriesOver(store, name, next.basedOn());
    List<Held> held = new ArrayList<>();
    int[] candidates = new int[1];
    long[] candidateBytes = new long[1];
    try (GreenAtCutover.Recorder greenAfter =
            carryOver ? GreenAtCutover.recorder(store, name, true) : null;
        SortedStream b = new SortedStream(blue, cursorBatch, "sync-blue-" + name);
        BaselineChunks.Reader h = store.read(name)) {
      queue = new PendingGreenWrites(writer, next, greenAfter, this::refused);
      AgainstBaseline.walk(
          b,
          h,
          (id, bd, bh, hh) -> {
            tick();
            boolean candidate = !Arrays.equals(bh, hh);
            held.add(new Held(id, candidate ? bd : null, bh, hh, candidate));
            if (candidate) {
              candidates[0]++;
              candidateBytes[0] += bd == null ? 0 : bd.getByteBuffer().remaining();
            }
            if (candidates[0] >= LOOKUP_BATCH
                || candidateBytes[0] >= HELD_BYTES
                || held.size() >= MAX_HELD) {
              resolve(held);
              candidates[0] = 0;
              candidateBytes[0] = 0;
            }
            return true;
          });
      resolve(held);
      finish(greenAfter);
    }
    if (!carryOver) {
      long before = seen;
      seen +=
          GreenAtCutover.record(store, name, green, cursorBatch, n -> progress.accept(before + n));
    }
  }

  /** An entry of the final pass: unchanged on Blue (keeps its baseline hash) or a candidate. */
  private record Held(
      BsonValue id, RawBsonDocument blue, byte[] blueHash, byte[] baseHash, boolean candidate) {}

  /**
   * Green's writes, then the next baseline generation becomes the baseline, then (when given)
   * Green's record at the cutover is switched to the one written beside it.
   */
  private void finish(GreenAtCutover.Recorder greenAfter) {
    queue.flush();
    if (!store.commit(name, queue.next())) {
      // (Green's record written beside it is dropped as its recorder closes, never committed.)
      // An overlapping attempt of this pass switched the baseline first: its generation stands,
      // and this attempt's result says nothing sure; a retry passes again over the new baseline.
      throw new IllegalStateException(
          "another attempt of this sync pass recorded the baseline of " + name + " first");
    }
    if (greenAfter != null) {
      greenAfter.commit(queue.next().generation());
    }
  }

  /**
   * Reads Green's versions of the held candidates in one query, decides each, and passes every held
   * entry on in order.
   */
  private void resolve(List<Held> held) {
    BsonArray ids = new BsonArray();
    held.stream().filter(Held::candidate).forEach(c -> ids.add(BaselineEntry.plain(c.id())));
    TreeMap<BsonValue, RawBsonDocument> found = new TreeMap<>(BsonOrder.INSTANCE);
    if (!ids.isEmpty()) {
      for (RawBsonDocument d :
          green
              .find(new BsonDocument("_id", new BsonDocument("$in", ids)))
              .batchSize(LOOKUP_BATCH)) {
        found.put(d.get("_id"), d);
      }
    }
    for (Held e : held) {
      if (e.candidate()) {
        apply(e.id(), e.blue(), e.blueHash(), hashOrNull(found.get(e.id())), e.baseHash());
      } else {
        queue.keep(e.id(), e.baseHash(), GreenAtCutover.UNREAD);
      }
    }
    held.clear();
  }

  /** Decides one document, queues Green's write and its next baseline hash (null: none). */
  private void apply(BsonValue id, RawBsonDocument bd, byte[] bh, byte[] gh, byte[] hh) {
    ThreeWay.Decision d = ThreeWay.decide(bh, gh, hh, policy);
    byte[] nextHash = hh;
    switch (d.action()) {
      case NONE -> {}
      case KEEP_GREEN -> greenKept++;
      case CONFLICT -> {
        conflicts++;
        sink.conflict(new SyncConflict(name, BsonIds.toJson(id), d.blueChange(), d.greenChange()));
      }
      case CARRY -> {
        BsonDocument byId = new BsonDocument("_id", BaselineEntry.plain(id));
        WriteModel<RawBsonDocument> write =
            bd == null
                ? new DeleteOneModel<>(byId, IdOrder.delete())
                : new ReplaceOneModel<>(byId, bd, UPSERT);
        if (bd == null) {
          deleted++;
        } else if (gh == null) {
          inserted++;
        } else {
          updated++;
        }
        if (d.resolved()) {
          resolved++;
        }
        queue.carry(
            write,
            id,
            bh,
            ThreeWay.change(bh, hh),
            d.greenChange(),
            hh,
            gh,
            bd == null,
            gh == null);
        return;
      }
      case BASELINE_TO_BLUE -> nextHash = bh;
    }
    if (d.resolved()) {
      resolved++;
    }
    queue.keep(id, nextHash, gh);
  }

  /**
   * Green refused Blue's change: a listed conflict with the server's reason (never the document's
   * values), and the old baseline entry stays, so every later pass lists it again until someone
   * resolves it, and no pass retries it forever.
   */
  private void refused(PendingGreenWrites.Carried c, GreenWrites.Refusal r) {
    if (c.delete()) {
      deleted--;
    } else if (c.insert()) {
      inserted--;
    } else {
      updated--;
    }
    conflicts++;
    sink.conflict(new SyncConflict(name, BsonIds.toJson(c.id()), c.blueChange(), r.describe()));
  }

  private void tick() {
    if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
      progress.accept(seen);
    }
  }

  private static byte[] hashOrNull(RawBsonDocument d) {
    return d == null ? null : BaselineEntry.hash(d);
  }
}
