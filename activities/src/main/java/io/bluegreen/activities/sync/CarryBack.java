package io.bluegreen.activities.sync;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.activities.copy.GreenWrites;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.SyncConflict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One collection's carry-back of Green's changes to Blue, by the three-way rules turned toward
 * Blue, per document (Blue now B, Green now G, baseline H, Green at the cutover C: {@link
 * GreenAtCutover}, H where the final pass left Green equal to it):
 *
 * <ul>
 *   <li>G = C: Green did not change it while LIVE (a migration before the cutover included);
 *       nothing;
 *   <li>G ≠ C, B = H (only Green changed it): Green's version (or delete) written to Blue;
 *   <li>G ≠ C, B = G: both hold the same; nothing;
 *   <li>G ≠ C, B ≠ H, B ≠ G (Blue changed it too since the baseline): a conflict, listed, never
 *       overwritten.
 * </ul>
 *
 * Green's own documents from before the copy are left out. The baseline is not moved, so a second
 * carry-back of the same collection writes only what the first did not (after a crash, say) and
 * lists the same conflicts. A write Blue refuses (a unique index or validator: codes 11000 and 121)
 * is a conflict too, named by the server's reason without document values.
 */
final class CarryBack {
  static final int WRITE_BATCH = 500;
  static final String MEANWHILE = "changed on Blue meanwhile: ";

  private final String name;
  private final MongoCollection<RawBsonDocument> blue;
  private final MongoCollection<RawBsonDocument> green;
  private final BaselineStore store;
  private final int cursorBatch;
  private final int maxIds;
  private final LongConsumer progress;
  private final List<CarryBackWrite> queued = new ArrayList<>();
  private long queuedBytes;
  private boolean wholeDocument;
  private final List<String> insertedIds = new ArrayList<>();
  private final List<String> updatedIds = new ArrayList<>();
  private final List<String> deletedIds = new ArrayList<>();
  private final List<SyncConflict> conflictSamples = new ArrayList<>();
  private long inserted;
  private long updated;
  private long deleted;
  private long conflicts;
  private long seen;

  CarryBack(
      String name,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      BaselineStore store,
      int cursorBatch,
      int maxIds,
      LongConsumer progress) {
    this.name = name;
    this.blue = blue;
    this.green = green;
    this.store = store;
    this.cursorBatch = cursorBatch;
    this.maxIds = maxIds;
    this.progress = progress;
  }

  CarriedBack run() {
    if (store.recorded(name) < 0) {
      return new CarriedBack(
          name,
          0,
          0,
          0,
          0,
          null,
          null,
          null,
          null,
          "no baseline for this collection: nothing carried back");
    }
    wholeDocument = ConditionalWrites.comparesWholeDocuments(blue);
    try (SortedStream b = new SortedStream(blue, cursorBatch, "carry-blue-" + name);
        SortedStream g = new SortedStream(green, cursorBatch, "carry-green-" + name);
        GreenAtCutover.Reference r = GreenAtCutover.reference(store, name);
        GreenOwnIds own = new GreenOwnIds(store, name)) {
      while (true) {
        BsonValue id = SortedStream.min(SortedStream.min(b.peekId(), g.peekId()), r.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        RawBsonDocument gd = g.takeIf(id);
        r.take(id);
        decide(id, bd, gd, r.base(), r.green(), own);
        if (++seen % CollectionDiff.PROGRESS_EVERY == 0) {
          progress.accept(seen);
        }
      }
    }
    flush();
    progress.accept(seen);
    return new CarriedBack(
        name,
        inserted,
        updated,
        deleted,
        conflicts,
        List.copyOf(insertedIds),
        List.copyOf(updatedIds),
        List.copyOf(deletedIds),
        List.copyOf(conflictSamples),
        null);
  }

  long seen() {
    return seen;
  }

  private void decide(
      BsonValue id,
      RawBsonDocument bd,
      RawBsonDocument gd,
      byte[] hh,
      byte[] atCutover,
      GreenOwnIds own) {
    byte[] gh = gd == null ? null : BaselineEntry.hash(gd);
    if (Arrays.equals(gh, atCutover) || (hh == null && own.contains(id))) {
      return; // Green did not change it while LIVE, or it is Green's own from before the copy
    }
    byte[] bh = bd == null ? null : BaselineEntry.hash(bd);
    String greenChange = ThreeWay.change(gh, atCutover);
    if (Arrays.equals(bh, gh)) {
      return; // Blue already holds Green's version
    }
    if (!Arrays.equals(bh, hh)) {
      conflict(id, ThreeWay.change(bh, hh), greenChange);
      return;
    }
    CarryBackWrite.Kind kind;
    if (gd == null) {
      deleted++;
      add(deletedIds, id);
      kind = CarryBackWrite.Kind.DELETE;
    } else if (bd == null) {
      inserted++;
      add(insertedIds, id);
      kind = CarryBackWrite.Kind.INSERT;
    } else {
      updated++;
      add(updatedIds, id);
      kind = CarryBackWrite.Kind.UPDATE;
    }
    queued.add(new CarryBackWrite(BaselineEntry.plain(id), bd, gd, greenChange, kind));
    queuedBytes +=
        (bd == null ? 0 : bd.getByteBuffer().remaining())
            + (gd == null ? 0 : gd.getByteBuffer().remaining());
    if (queued.size() >= WRITE_BATCH || queuedBytes >= GreenWrites.WRITE_BYTES) {
      flush();
    }
  }

  /**
   * Blue's writes of the batch, re-read first and each only while still as read ({@link
   * ConditionalWrites}): Blue serves again. One that no longer matches, or refused, is a conflict.
   */
  private void flush() {
    if (queued.isEmpty()) {
      return;
    }
    List<BsonValue> ids = new ArrayList<>();
    queued.forEach(q -> ids.add(q.id()));
    Map<BsonValue, RawBsonDocument> now = ConditionalWrites.lookUp(blue, ids);
    List<CarryBackWrite> sent = new ArrayList<>();
    List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
    for (CarryBackWrite q : queued) {
      if (!changedMeanwhile(q, now.get(q.id()))) {
        sent.add(q);
        writes.add(ConditionalWrites.write(q.id(), q.read(), q.to(), wholeDocument));
      }
    }
    queued.clear();
    queuedBytes = 0;
    if (writes.isEmpty()) {
      return;
    }
    ConditionalWrites.beforeWrite.run();
    boolean[] refused = new boolean[writes.size()];
    BulkWriteResult result;
    try {
      result = blue.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteConcernError() != null) {
        throw e; // not known to be durable: the activity fails and is retried
      }
      result = e.getWriteResult();
      for (BulkWriteError error : e.getWriteErrors()) {
        CarryBackWrite q = sent.get(error.getIndex());
        refused[error.getIndex()] = true;
        uncount(q.kind(), BsonIds.toJson(q.id()));
        conflict(
            q.id(),
            "refused by Blue (code "
                + error.getCode()
                + "): "
                + ConditionalWrites.reason(error.getMessage()),
            q.greenChange());
      }
    }
    long conditional = 0;
    for (int i = 0; i < sent.size(); i++) {
      conditional += !refused[i] && sent.get(i).read() != null ? 1 : 0;
    }
    if (result.getMatchedCount() + result.getDeletedCount() < conditional) {
      unmatched(sent, refused);
    }
  }

  /** Some conditional writes matched nothing: those whose document is not Green's are conflicts. */
  private void unmatched(List<CarryBackWrite> sent, boolean[] refused) {
    List<BsonValue> ids = new ArrayList<>();
    sent.forEach(q -> ids.add(q.id()));
    Map<BsonValue, RawBsonDocument> now = ConditionalWrites.lookUp(blue, ids);
    if (wholeDocument) {
      ConditionalWrites.retryPerField(
          blue,
          ids,
          sent.stream().map(CarryBackWrite::read).toList(),
          sent.stream().map(CarryBackWrite::to).toList(),
          refused,
          now,
          writes -> ConditionalWrites.unordered(blue, writes));
    }
    for (int i = 0; i < sent.size(); i++) {
      CarryBackWrite q = sent.get(i);
      byte[] nh = ConditionalWrites.hash(now.get(q.id()));
      if (!refused[i] && q.read() != null && !Arrays.equals(nh, ConditionalWrites.hash(q.to()))) {
        uncount(q.kind(), BsonIds.toJson(q.id()));
        conflict(
            q.id(),
            MEANWHILE + ThreeWay.change(nh, ConditionalWrites.hash(q.read())),
            q.greenChange());
      }
    }
  }

  /** Blue's document is no longer what the stream read: a conflict, not written. */
  private boolean changedMeanwhile(CarryBackWrite q, RawBsonDocument current) {
    byte[] ch = ConditionalWrites.hash(current);
    byte[] rh = ConditionalWrites.hash(q.read());
    if (Arrays.equals(ch, rh)) {
      return false;
    }
    uncount(q.kind(), BsonIds.toJson(q.id()));
    if (!Arrays.equals(ch, ConditionalWrites.hash(q.to()))) {
      conflict(q.id(), MEANWHILE + ThreeWay.change(ch, rh), q.greenChange());
    }
    return true;
  }

  private void uncount(CarryBackWrite.Kind kind, String id) {
    switch (kind) {
      case INSERT -> inserted--;
      case UPDATE -> updated--;
      case DELETE -> deleted--;
    }
    (kind == CarryBackWrite.Kind.INSERT
            ? insertedIds
            : kind == CarryBackWrite.Kind.UPDATE ? updatedIds : deletedIds)
        .remove(id);
  }

  private void conflict(BsonValue id, String blueChange, String greenChange) {
    conflicts++;
    if (conflictSamples.size() < maxIds) {
      conflictSamples.add(new SyncConflict(name, BsonIds.toJson(id), blueChange, greenChange));
    }
  }

  private void add(List<String> ids, BsonValue id) {
    if (ids.size() < maxIds) {
      ids.add(BsonIds.toJson(id));
    }
  }
}
