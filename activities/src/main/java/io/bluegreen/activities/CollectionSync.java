package io.bluegreen.activities;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
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
 * <p>Writes go to Green first and to the baseline after, each batch, so a crash between them
 * leaves a Green that already equals Blue over an older baseline: the retry sees "both changed
 * the same way" and only moves the baseline. Every write is keyed by {@code _id} and lands
 * behind the cursors, so it never changes what the merge still has to read.
 */
final class CollectionSync {
  static final int LOOKUP_BATCH = 500;
  static final int WRITE_BATCH = 500;
  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

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

  private final String name;
  private final MongoCollection<RawBsonDocument> blue;
  private final MongoCollection<RawBsonDocument> green;
  private final MongoCollection<RawBsonDocument> baseline;
  private final String policy;
  private final int cursorBatch;
  private final ConflictSink sink;
  private final LongConsumer progress;
  private final BulkWriteOptions greenBulk;
  private final List<WriteModel<RawBsonDocument>> greenWrites = new ArrayList<>();
  private final List<WriteModel<BsonDocument>> baselineWrites = new ArrayList<>();

  CollectionSync(
      String name,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      MongoCollection<RawBsonDocument> baseline,
      String policy,
      boolean bypassValidation,
      int cursorBatch,
      ConflictSink sink,
      LongConsumer progress) {
    this.name = name;
    this.blue = blue;
    this.green = green;
    this.baseline = baseline;
    this.policy = policy;
    this.cursorBatch = cursorBatch;
    this.sink = sink;
    this.progress = progress;
    // Blue is the truth: a Green validator must not refuse what Blue holds (see the copy).
    this.greenBulk = new BulkWriteOptions().ordered(false).bypassDocumentValidation(bypassValidation ? true : null);
  }

  void full() {
    try (SortedStream b = new SortedStream(blue, cursorBatch, "sync-blue-" + name);
        SortedStream g = new SortedStream(green, cursorBatch, "sync-green-" + name);
        SortedStream h = new SortedStream(baseline, 10_000, "sync-baseline-" + name)) {
      while (true) {
        BsonValue id = SortedStream.min(SortedStream.min(b.peekId(), g.peekId()), h.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        RawBsonDocument gd = g.takeIf(id);
        RawBsonDocument hd = h.takeIf(id);
        apply(id, bd, hashOrNull(bd), hashOrNull(gd), hd == null ? null : BaselineStore.hashOf(hd));
        tick();
      }
    }
    flush();
  }

  /** The final pass over the documents whose {@code _id} {@code range} matches ({@code {}}: all). */
  void fin(BsonDocument range) {
    List<Candidate> pending = new ArrayList<>();
    try (SortedStream b = new SortedStream(blue, range, cursorBatch, "sync-blue-" + name);
        SortedStream h = new SortedStream(baseline, range, 10_000, "sync-baseline-" + name)) {
      while (true) {
        BsonValue id = SortedStream.min(b.peekId(), h.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        RawBsonDocument hd = h.takeIf(id);
        byte[] bh = hashOrNull(bd);
        byte[] hh = hd == null ? null : BaselineStore.hashOf(hd);
        tick();
        if (Arrays.equals(bh, hh)) {
          continue;
        }
        pending.add(new Candidate(id, bd, bh, hh));
        if (pending.size() >= LOOKUP_BATCH) {
          resolve(pending);
        }
      }
    }
    resolve(pending);
    flush();
  }

  private record Candidate(BsonValue id, RawBsonDocument blue, byte[] blueHash, byte[] baseHash) {}

  /** Reads Green's versions of the candidates in one query and decides each. */
  private void resolve(List<Candidate> pending) {
    if (pending.isEmpty()) {
      return;
    }
    BsonArray ids = new BsonArray();
    pending.forEach(c -> ids.add(c.id()));
    TreeMap<BsonValue, RawBsonDocument> found = new TreeMap<>(BsonOrder.INSTANCE);
    for (RawBsonDocument d : green.find(new BsonDocument("_id", new BsonDocument("$in", ids))).batchSize(LOOKUP_BATCH)) {
      found.put(d.get("_id"), d);
    }
    for (Candidate c : pending) {
      apply(c.id(), c.blue(), c.blueHash(), hashOrNull(found.get(c.id())), c.baseHash());
    }
    pending.clear();
  }

  private void apply(BsonValue id, RawBsonDocument bd, byte[] bh, byte[] gh, byte[] hh) {
    ThreeWay.Decision d = ThreeWay.decide(bh, gh, hh, policy);
    BsonDocument byId = new BsonDocument("_id", BaselineStore.plain(id));
    switch (d.action()) {
      case NONE -> {}
      case KEEP_GREEN -> greenKept++;
      case CONFLICT -> {
        conflicts++;
        sink.conflict(new SyncConflict(name, BsonIds.toJson(id), d.blueChange(), d.greenChange()));
      }
      case CARRY -> {
        if (bd == null) {
          greenWrites.add(new DeleteOneModel<>(byId));
          deleted++;
        } else {
          greenWrites.add(new ReplaceOneModel<>(byId, bd, UPSERT));
          if (gh == null) {
            inserted++;
          } else {
            updated++;
          }
        }
        moveBaseline(byId, id, bh);
      }
      case BASELINE_TO_BLUE -> moveBaseline(byId, id, bh);
    }
    if (d.resolved()) {
      resolved++;
    }
    if (greenWrites.size() >= WRITE_BATCH || baselineWrites.size() >= WRITE_BATCH) {
      flush();
    }
  }

  private void moveBaseline(BsonDocument byId, BsonValue id, byte[] blueHash) {
    if (blueHash == null) {
      baselineWrites.add(new DeleteOneModel<>(byId));
    } else {
      baselineWrites.add(new ReplaceOneModel<>(byId, BaselineStore.entry(id, blueHash), UPSERT));
    }
  }

  /** Green first, then the baseline (see the class comment for why this order). */
  private void flush() {
    if (!greenWrites.isEmpty()) {
      green.bulkWrite(greenWrites, greenBulk);
      greenWrites.clear();
    }
    if (!baselineWrites.isEmpty()) {
      baseline.withDocumentClass(BsonDocument.class).bulkWrite(baselineWrites, new BulkWriteOptions().ordered(false));
      baselineWrites.clear();
    }
  }

  /** Adds another part's counts to this one's. */
  void add(CollectionSync part) {
    inserted += part.inserted;
    updated += part.updated;
    deleted += part.deleted;
    greenKept += part.greenKept;
    conflicts += part.conflicts;
    resolved += part.resolved;
    seen += part.seen;
  }

  private void tick() {
    if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
      progress.accept(seen);
    }
  }

  private static byte[] hashOrNull(RawBsonDocument d) {
    return d == null ? null : BaselineStore.hash(d);
  }

  /** True when Green's collection holds exactly the baseline: every document, unchanged, and no other. */
  static boolean unchangedFromBaseline(
      MongoCollection<RawBsonDocument> green, MongoCollection<RawBsonDocument> baseline, int cursorBatch) {
    try (SortedStream g = new SortedStream(green, cursorBatch, "sync-dropcheck-green");
        SortedStream h = new SortedStream(baseline, 10_000, "sync-dropcheck-baseline")) {
      while (true) {
        BsonValue id = SortedStream.min(g.peekId(), h.peekId());
        if (id == null) {
          return true;
        }
        RawBsonDocument gd = g.takeIf(id);
        RawBsonDocument hd = h.takeIf(id);
        if (gd == null || hd == null || !Arrays.equals(BaselineStore.hash(gd), BaselineStore.hashOf(hd))) {
          return false;
        }
      }
    }
  }
}
