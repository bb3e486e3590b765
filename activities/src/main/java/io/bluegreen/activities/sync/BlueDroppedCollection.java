package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import java.util.Arrays;
import org.bson.RawBsonDocument;

/**
 * A collection Blue no longer has: Green's goes too only when it is exactly the baseline (every
 * document, unchanged, and no other); otherwise Green changed it, and it is kept with a note. Once
 * both are gone, the collection's baseline goes too.
 */
final class BlueDroppedCollection {
  private static final int CURSOR_BATCH = 1000;

  private BlueDroppedCollection() {}

  static SyncCollectionResult check(
      String name, MongoDatabase green, CollectionKind onGreen, BaselineStore store) {
    // Decided against one generation, forgotten only if it is still that one.
    Long startedFrom = store.current(name);
    boolean gone = onGreen.type() == CollectionKind.Type.ABSENT;
    if (!gone
        && onGreen.type() == CollectionKind.Type.COLLECTION
        && startedFrom != null
        && unchangedFromBaseline(
            green.getCollection(name, RawBsonDocument.class),
            store.read(name, startedFrom),
            CURSOR_BATCH)) {
      green.getCollection(name).drop();
      gone = true;
    }
    if (gone) {
      if (!store.forget(name, startedFrom)) {
        throw new IllegalStateException(
            "another attempt of this sync pass moved the baseline of " + name + " first");
      }
      return new SyncCollectionResult(name, 0, 0, 0, 0, 0, 0, false, true, true, null);
    }
    return new SyncCollectionResult(
        name,
        0,
        0,
        0,
        0,
        0,
        0,
        false,
        true,
        false,
        "dropped on Blue; Green's copy differs from the baseline (or has none), so it is kept");
  }

  /**
   * True when Green's collection holds exactly the baseline: every document, unchanged, and no
   * other.
   */
  static boolean unchangedFromBaseline(
      MongoCollection<RawBsonDocument> green, BaselineChunks.Reader baseline, int cursorBatch) {
    try (SortedStream g = new SortedStream(green, cursorBatch, "sync-dropcheck-green");
        BaselineChunks.Reader h = baseline) {
      return AgainstBaseline.walk(
          g, h, (id, gd, gh, hh) -> gd != null && hh != null && Arrays.equals(gh, hh));
    }
  }
}
