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
 * the next pass sees the same difference again (and lists it again). Each entry also goes, with
 * Green's hash as the writes left it, to the record of Green at the cutover ({@link
 * GreenAtCutover}). Bounded by count and by bytes of pending writes, and by count of waiting
 * entries.
 */
final class PendingGreenWrites {
  static final int WRITE_BATCH = 500;

  /** Next-baseline entries held while Green's writes are queued. */
  static final int MAX_PENDING = 10_000;

  /** What the pass does with a write Green refused (a listed conflict). */
  interface OnRefused {
    void refused(Carried carried, GreenWrites.Refusal refusal);
  }

  /**
   * A next-baseline entry and Green's hash once the writes are done ({@link GreenAtCutover#UNREAD}
   * where the pass did not read Green); both go back to what they were when Green refuses the
   * write.
   */
  static final class Entry {
    final BsonValue id;
    byte[] hash;
    byte[] green;

    Entry(BsonValue id, byte[] hash, byte[] green) {
      this.id = id;
      this.hash = hash;
      this.green = green;
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
      byte[] greenHash,
      boolean delete,
      boolean insert) {}

  private final GreenWrites writer;
  private final BaselineChunks.Writer next;
  private final GreenAtCutover.Recorder greenAfter;
  private final OnRefused onRefused;
  private final List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();

  /** What each queued write decided, in the same order. */
  private final List<Carried> carried = new ArrayList<>();

  /** Next-baseline entries in {@code _id} order. */
  private final List<Entry> pending = new ArrayList<>();

  private long pendingBytes;

  /**
   * @param greenAfter where Green's record at the cutover goes; null for none
   */
  PendingGreenWrites(
      GreenWrites writer,
      BaselineChunks.Writer next,
      GreenAtCutover.Recorder greenAfter,
      OnRefused onRefused) {
    this.writer = writer;
    this.next = next;
    this.greenAfter = greenAfter;
    this.onRefused = onRefused;
  }

  BaselineChunks.Writer next() {
    return next;
  }

  /**
   * An entry of the next baseline (null hash: none) and Green's hash, which no write changes, in
   * {@code _id} order.
   */
  void keep(BsonValue id, byte[] hash, byte[] green) {
    pending.add(new Entry(id, hash, green));
    flushIfFull();
  }

  /**
   * A write to Green and its entry (Blue's hash, or null for a delete: then Green's too), in {@code
   * _id} order; {@code greenHash} is Green's before the write.
   */
  void carry(
      WriteModel<RawBsonDocument> write,
      BsonValue id,
      byte[] blueHash,
      String blueChange,
      String greenChange,
      byte[] baseHash,
      byte[] greenHash,
      boolean delete,
      boolean insert) {
    Entry entry = new Entry(id, blueHash, blueHash);
    pending.add(entry);
    writes.add(write);
    pendingBytes += GreenWrites.size(write);
    carried.add(
        new Carried(entry, id, blueChange, greenChange, baseHash, greenHash, delete, insert));
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
        c.entry().green = c.greenHash();
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
      if (greenAfter != null) {
        greenAfter.entry(p.id, p.green, p.hash);
      }
    }
    pending.clear();
  }
}
