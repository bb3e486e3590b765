package io.bluegreen.activities.sync;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.CollectionDiff;
import io.bluegreen.activities.copy.IdOrder;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.SyncConflict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.bson.BsonDocument;
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
  private static final int MAX_REASON = 200;

  private final String name;
  private final MongoCollection<RawBsonDocument> blue;
  private final MongoCollection<RawBsonDocument> green;
  private final BaselineStore store;
  private final int cursorBatch;
  private final int maxIds;
  private final LongConsumer progress;
  private final List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
  private final List<Queued> queued = new ArrayList<>();
  private final List<String> insertedIds = new ArrayList<>();
  private final List<String> updatedIds = new ArrayList<>();
  private final List<String> deletedIds = new ArrayList<>();
  private final List<SyncConflict> conflictSamples = new ArrayList<>();
  private long inserted;
  private long updated;
  private long deleted;
  private long conflicts;
  private long seen;

  /** What a write does to Blue. */
  private enum Kind {
    INSERT,
    UPDATE,
    DELETE
  }

  /** A queued Blue write: what Green did, so a refusal can be listed and the count undone. */
  private record Queued(BsonValue id, String greenChange, Kind kind) {}

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
    BsonDocument byId = new BsonDocument("_id", BaselineEntry.plain(id));
    Kind kind;
    if (gd == null) {
      writes.add(new DeleteOneModel<>(byId, IdOrder.delete()));
      deleted++;
      add(deletedIds, id);
      kind = Kind.DELETE;
    } else {
      writes.add(new ReplaceOneModel<>(byId, gd, IdOrder.upsert()));
      if (bd == null) {
        inserted++;
        add(insertedIds, id);
        kind = Kind.INSERT;
      } else {
        updated++;
        add(updatedIds, id);
        kind = Kind.UPDATE;
      }
    }
    queued.add(new Queued(id, greenChange, kind));
    if (writes.size() >= WRITE_BATCH) {
      flush();
    }
  }

  /** Blue's writes of the batch; each one Blue refuses becomes a listed conflict. */
  private void flush() {
    if (writes.isEmpty()) {
      return;
    }
    try {
      blue.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteConcernError() != null) {
        throw e; // not known to be durable: the activity fails and is retried
      }
      for (BulkWriteError error : e.getWriteErrors()) {
        Queued q = queued.get(error.getIndex());
        uncount(q.kind(), BsonIds.toJson(q.id()));
        conflict(
            q.id(),
            "refused by Blue (code " + error.getCode() + "): " + reason(error.getMessage()),
            q.greenChange());
      }
    }
    writes.clear();
    queued.clear();
  }

  private void uncount(Kind kind, String id) {
    switch (kind) {
      case INSERT -> {
        inserted--;
        insertedIds.remove(id);
      }
      case UPDATE -> {
        updated--;
        updatedIds.remove(id);
      }
      case DELETE -> {
        deleted--;
        deletedIds.remove(id);
      }
    }
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

  /** The server's message up to the first document value (E11000 ends in the duplicate key). */
  static String reason(String message) {
    String m = message == null ? "" : message;
    int cut = m.indexOf(" dup key");
    if (cut < 0) {
      cut = m.indexOf('{');
    }
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    m = m.strip();
    return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) : m;
  }
}
