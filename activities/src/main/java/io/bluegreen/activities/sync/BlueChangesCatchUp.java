package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.activities.copy.BsonOrder;
import io.bluegreen.activities.copy.GreenWrites;
import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One collection's comparison of Blue with the final pass's baseline while LIVE. First Blue and the
 * baseline are merged in {@code _id} order (Green is not read): the documents Blue changed, at most
 * {@code max} of them (the rest are counted as waiting, for the next pass). Then Blue's and Green's
 * versions of those are read by {@code _id}, 500 at a time, and each is decided by the three-way
 * rules with {@code halt}: only Blue changed: carried (or, reporting, named); both changed: a
 * conflict, left on both sides; Green alone changed (Blue changed it back meanwhile): nothing.
 *
 * <p>Carrying, Green's writes come first, then a next baseline generation where only the carried
 * documents (and those both sides changed the same way) move to Blue's version; every other entry,
 * Green's own LIVE changes above all, is copied as it was, so a rollback can still tell what Green
 * did while LIVE. Reporting writes nothing to Blue or Green.
 *
 * <p>The counts are complete each pass, but only changes the previous pass did not name are named
 * ({@link ListedChanges}): history grows with what is new, not with what stays unsettled.
 */
final class BlueChangesCatchUp {
  static final int LOOKUP_BATCH = 500;
  static final String MEANWHILE = "changed on Green meanwhile: ";

  private final String name;
  private final MongoCollection<RawBsonDocument> blue;
  private final MongoCollection<RawBsonDocument> green;
  private final GreenWrites writer;
  private final BaselineStore store;
  private final int max;
  private final int maxListed;
  private final int cursorBatch;
  private final LongConsumer progress;
  private final ListedChanges.Pass pass;

  private long inserted;
  private long updated;
  private long deleted;
  private long reported;
  private long conflicts;
  private long waiting;
  private long seen;
  private final List<LiveChange> changes = new ArrayList<>();
  private Boolean wholeDocument;

  /** The baseline's next entries for the documents whose entry moves: a hash, or null (gone). */
  private final TreeMap<BsonValue, byte[]> moves = new TreeMap<>(BsonOrder.INSTANCE);

  /**
   * @param writer Green's writes when carrying; null when only reporting
   */
  BlueChangesCatchUp(
      String name,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      GreenWrites writer,
      BaselineStore store,
      int max,
      int maxListed,
      int cursorBatch,
      LongConsumer progress,
      ListedChanges.Pass pass) {
    this.name = name;
    this.blue = blue;
    this.green = green;
    this.writer = writer;
    this.store = store;
    this.max = max;
    this.maxListed = maxListed;
    this.cursorBatch = cursorBatch;
    this.progress = progress;
    this.pass = pass;
  }

  LiveCollectionResult run() {
    TreeMap<BsonValue, byte[]> candidates = blueChanges();
    List<BsonValue> batch = new ArrayList<>();
    for (BsonValue id : candidates.keySet()) {
      batch.add(id);
      if (batch.size() == LOOKUP_BATCH) {
        decide(batch, candidates);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      decide(batch, candidates);
    }
    if (writer != null && !moves.isEmpty()) {
      moveBaseline();
    }
    changes.sort((a, b) -> a.id().compareTo(b.id()));
    ListedChanges listed = new ListedChanges(store, name, pass);
    List<LiveChange> named = listed.toName(changes, maxListed);
    listed.save();
    return new LiveCollectionResult(
        name, inserted, updated, deleted, reported, conflicts, waiting, List.copyOf(named), null);
  }

  /**
   * Blue against the baseline: the first {@code max} documents Blue changed, with their entries.
   */
  private TreeMap<BsonValue, byte[]> blueChanges() {
    TreeMap<BsonValue, byte[]> out = new TreeMap<>(BsonOrder.INSTANCE);
    try (SortedStream b = new SortedStream(blue, cursorBatch, "live-blue-" + name);
        BaselineChunks.Reader h = store.read(name)) {
      while (true) {
        BsonValue id = SortedStream.min(b.peekId(), h.peekId());
        if (id == null) {
          break;
        }
        RawBsonDocument bd = b.takeIf(id);
        byte[] hh = h.takeIf(id);
        if (++seen % 1000 == 0) {
          progress.accept(seen);
        }
        if (!Arrays.equals(bd == null ? null : BaselineEntry.hash(bd), hh)) {
          if (out.size() < max) {
            out.put(BaselineEntry.plain(id), hh);
          } else {
            waiting++;
          }
        }
      }
    }
    progress.accept(seen);
    return out;
  }

  /**
   * Reads both sides' versions of {@code ids} now, decides each, and carries what only Blue did.
   */
  private void decide(List<BsonValue> ids, Map<BsonValue, byte[]> baseline) {
    Map<BsonValue, RawBsonDocument> onBlue = ConditionalWrites.lookUp(blue, ids);
    Map<BsonValue, RawBsonDocument> onGreen = ConditionalWrites.lookUp(green, ids);
    List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
    List<LiveChange> carried = new ArrayList<>();
    List<byte[]> carriedHashes = new ArrayList<>();
    List<BsonValue> carriedIds = new ArrayList<>();
    for (BsonValue id : ids) {
      RawBsonDocument bd = onBlue.get(id);
      byte[] bh = hash(bd);
      byte[] gh = hash(onGreen.get(id));
      byte[] hh = baseline.get(id);
      ThreeWay.Decision d = ThreeWay.decide(bh, gh, hh, SyncPolicy.HALT);
      String blueChange = ThreeWay.change(bh, hh);
      String json = BsonIds.toJson(id);
      switch (d.action()) {
        case NONE, KEEP_GREEN -> {
          // Blue changed it back since the scan: nothing of Blue's to carry, Green's left as it is.
        }
        case BASELINE_TO_BLUE -> {
          // Both sides made the same change: nothing differs; carrying, the entry follows.
          if (writer != null) {
            moves.put(id, bh);
          }
        }
        case CONFLICT -> {
          conflicts++;
          changes.add(new LiveChange(json, blueChange, LiveChange.CONFLICT, d.greenChange(), null));
        }
        case CARRY -> {
          if (writer == null) {
            reported++;
            changes.add(new LiveChange(json, blueChange, LiveChange.REPORTED, null, null));
          } else {
            // Only while Green's document is still what was just read: Green is LIVE.
            writes.add(ConditionalWrites.write(id, onGreen.get(id), bd, wholeDocument()));
            carriedIds.add(id);
            carried.add(new LiveChange(json, blueChange, LiveChange.CARRIED, null, null));
            carriedHashes.add(bh);
          }
        }
      }
    }
    if (writes.isEmpty()) {
      return;
    }
    ConditionalWrites.beforeWrite.run();
    boolean[] refused = new boolean[writes.size()];
    for (GreenWrites.Refusal r : writer.apply(writes)) {
      refused[r.index()] = true;
      LiveChange c = carried.get(r.index());
      conflicts++;
      // The baseline keeps its entry: every later pass lists it again until someone settles it.
      changes.add(new LiveChange(c.id(), c.blueChange(), LiveChange.CONFLICT, r.describe(), null));
    }
    // A conditional write that matched nothing (a Green user changed the document since the read)
    // leaves Green's document other than Blue's: a conflict, and the entry stays.
    Map<BsonValue, RawBsonDocument> after = ConditionalWrites.lookUp(green, carriedIds);
    if (wholeDocument()) {
      ConditionalWrites.retryPerField(
          green,
          carriedIds,
          carriedIds.stream().map(onGreen::get).toList(),
          carriedIds.stream().map(onBlue::get).toList(),
          refused,
          after,
          writer::apply);
    }
    for (int i = 0; i < writes.size(); i++) {
      if (refused[i]) {
        continue;
      }
      LiveChange c = carried.get(i);
      BsonValue id = carriedIds.get(i);
      byte[] now = hash(after.get(id));
      if (!Arrays.equals(now, carriedHashes.get(i))) {
        conflicts++;
        String green = MEANWHILE + ThreeWay.change(now, hash(onGreen.get(id)));
        changes.add(new LiveChange(c.id(), c.blueChange(), LiveChange.CONFLICT, green, null));
        continue;
      }
      switch (c.blueChange()) {
        case SyncConflict.INSERTED -> inserted++;
        case SyncConflict.DELETED -> deleted++;
        default -> updated++;
      }
      changes.add(c);
      moves.put(id, carriedHashes.get(i));
    }
  }

  /**
   * The next baseline generation: the current one with only the moved entries changed, switched to
   * after Green's writes (a crash before leaves the old one, and a retry finds Green already equal
   * to Blue: "both changed the same way", which only moves the entry).
   */
  private void moveBaseline() {
    BaselineChunks.Writer next = store.writeNext(name);
    try (BaselineChunks.Reader h = store.read(name)) {
      while (true) {
        BsonValue current = h.peekId();
        BsonValue moved = moves.isEmpty() ? null : moves.firstKey();
        BsonValue id = SortedStream.min(current, moved);
        if (id == null) {
          break;
        }
        byte[] hh = h.takeIf(id);
        if (moved != null && BsonOrder.INSTANCE.compare(moved, id) == 0) {
          byte[] to = moves.pollFirstEntry().getValue();
          if (to != null) {
            next.add(id, to);
          }
        } else {
          next.add(id, hh);
        }
      }
    }
    if (!store.commit(name, next)) {
      throw new IllegalStateException(
          "another attempt of this comparison recorded the baseline of " + name + " first");
    }
  }

  private boolean wholeDocument() {
    if (wholeDocument == null) {
      wholeDocument = ConditionalWrites.comparesWholeDocuments(green);
    }
    return wholeDocument;
  }

  private static byte[] hash(RawBsonDocument d) {
    return d == null ? null : BaselineEntry.hash(d);
  }
}
