package io.bluegreen.activities.sync;

import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.GreenWrites;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One collection pass's queued writes to Green and the next baseline generation's entries waiting
 * for them. Entries reach the next generation only after Green's queued writes are done, so a
 * baseline never runs ahead of Green; a write Green refuses keeps the entry's old baseline hash, so
 * the next pass sees the same difference again (and lists it again). Bounded by count and by bytes
 * of pending writes, and by count of waiting entries.
 */
final class PendingGreenWrites {
  static final int WRITE_BATCH = 500;

  /** Next-baseline entries held while Green's writes are queued. */
  static final int MAX_PENDING = 10_000;

  /** What the pass does with a write Green refused (a listed conflict). */
  interface OnRefused {
    void refused(Carried carried, GreenWrites.Refusal refusal);
  }

  /** A next-baseline entry; its hash goes back to the old one when Green refuses the write. */
  static final class Entry {
    final BsonValue id;
    byte[] hash;

    Entry(BsonValue id, byte[] hash) {
      this.id = id;
      this.hash = hash;
    }
  }

  /**
   * A queued Green write: what each side did, and the baseline hash to keep if Green refuses it.
   */
  record Carried(
      Entry entry,
      BsonValue id,
      String blueChange,
      String greenChange,
      byte[] baseHash,
      boolean delete,
      boolean insert) {}

  private final GreenWrites writer;
  private final BaselineChunks.Writer next;
  private final OnRefused onRefused;
  private final List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();

  /** What each queued write decided, in the same order. */
  private final List<Carried> carried = new ArrayList<>();

  /** Next-baseline entries in {@code _id} order. */
  private final List<Entry> pending = new ArrayList<>();

  private long pendingBytes;

  PendingGreenWrites(GreenWrites writer, BaselineChunks.Writer next, OnRefused onRefused) {
    this.writer = writer;
    this.next = next;
    this.onRefused = onRefused;
  }

  BaselineChunks.Writer next() {
    return next;
  }

  /** An entry of the next baseline (null hash: none), in {@code _id} order. */
  void keep(BsonValue id, byte[] hash) {
    pending.add(new Entry(id, hash));
    flushIfFull();
  }

  /** A write to Green and its entry (Blue's hash, or null for a delete), in {@code _id} order. */
  void carry(
      WriteModel<RawBsonDocument> write,
      BsonValue id,
      byte[] blueHash,
      String blueChange,
      String greenChange,
      byte[] baseHash,
      boolean delete,
      boolean insert) {
    Entry entry = new Entry(id, blueHash);
    pending.add(entry);
    writes.add(write);
    pendingBytes += GreenWrites.size(write);
    carried.add(new Carried(entry, id, blueChange, greenChange, baseHash, delete, insert));
    flushIfFull();
  }

  private void flushIfFull() {
    if (writes.size() >= WRITE_BATCH
        || pendingBytes >= GreenWrites.WRITE_BYTES
        || pending.size() >= MAX_PENDING) {
      flush();
    }
  }

  /** Green's queued writes, then the entries waiting for them go to the next generation. */
  void flush() {
    if (!writes.isEmpty()) {
      // Through GreenWrites: unique values Blue swapped between documents go through too, and a
      // write Green refuses (its own unique index or validator) comes back as a refusal.
      for (GreenWrites.Refusal r : writer.apply(writes)) {
        Carried c = carried.get(r.index());
        c.entry().hash = c.baseHash();
        onRefused.refused(c, r);
      }
      writes.clear();
      carried.clear();
      pendingBytes = 0;
    }
    for (Entry p : pending) {
      if (p.hash != null) {
        next.add(p.id, p.hash);
      }
    }
    pending.clear();
  }
}
