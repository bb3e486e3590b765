package io.bluegreen.activities.copy;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * How many documents one server round trip of a sorted read asks for. Every reader of a whole
 * collection in {@code _id} order uses it: the copy, the comparison, the resync, the baseline and
 * the three-way sync.
 */
public final class CursorBatch {
  /**
   * Bytes per server round trip when reading. MongoDB caps a reply at 16 MB anyway, but the
   * emulator does not (a reply over the driver's 48 MB limit fails), so the document count per
   * round trip is sized from the collection's average document size.
   */
  static final long CURSOR_BYTES = 8L * 1024 * 1024;

  /**
   * Documents per round trip when the server does not say how large they are: suits ~1 KB
   * documents.
   */
  static final int WITHOUT_STATS = 1000;

  private CursorBatch() {}

  /** Documents per round trip: about {@link #CURSOR_BYTES}, between 1 and 10,000. */
  public static int of(MongoDatabase db, String collection) {
    double avg = 0;
    try {
      Document stats = db.runCommand(new Document("collStats", collection));
      if (stats.get("avgObjSize") instanceof Number n) {
        avg = n.doubleValue();
      }
    } catch (RuntimeException e) {
      // Not allowed or not supported: fall back to a size that suits ~1 KB documents.
    }
    if (avg <= 0) {
      return WITHOUT_STATS;
    }
    return (int) Math.max(1, Math.min(10_000, CURSOR_BYTES / avg));
  }
}
