package io.bluegreen.activities.preflight;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.temporal.activity.Activity;
import org.bson.Document;
import org.bson.RawBsonDocument;

/** The plan's size of one Blue collection (documents, bytes, indexes), as PREFLIGHT reports it. */
final class CollectionMeasure {
  private CollectionMeasure() {}

  /**
   * The plan's figures for one collection, from the server's metadata where it has them: they size
   * progress bars and summaries, and verification counts exactly later. Counting documents one by
   * one was a full scan on FerretDB/SQLite, so a million documents outlasted PREFLIGHT's attempt.
   */
  static PlannedCollection of(MongoDatabase db, String name) {
    MongoCollection<RawBsonDocument> coll = db.getCollection(name, RawBsonDocument.class);
    Document stats = collStats(db, name);
    long docs =
        stats != null && stats.get("count") instanceof Number n && n.longValue() >= 0
            ? n.longValue()
            : coll.estimatedDocumentCount();
    long bytes =
        stats != null && stats.get("size") instanceof Number n && n.longValue() >= 0
            ? n.longValue()
            : scannedBytes(coll, name);
    int indexes = 0;
    try (MongoCursor<Document> c = coll.listIndexes().iterator()) {
      while (c.hasNext()) {
        c.next();
        indexes++;
      }
    }
    return new PlannedCollection(name, docs, bytes, indexes);
  }

  /**
   * collStats, or null where the server or the user's role has none (emulators, restricted users).
   */
  private static Document collStats(MongoDatabase db, String name) {
    try {
      return db.runCommand(new Document("collStats", name));
    } catch (MongoCommandException e) {
      return null;
    }
  }

  /** The sum of the documents' BSON sizes: a full scan, streamed, heartbeating as it goes. */
  private static long scannedBytes(MongoCollection<RawBsonDocument> coll, String name) {
    long bytes = 0;
    long seen = 0;
    try (MongoCursor<RawBsonDocument> c = coll.find().iterator()) {
      while (c.hasNext()) {
        bytes += c.next().getByteBuffer().remaining();
        if (++seen % 10_000 == 0) {
          Activity.getExecutionContext().heartbeat(name);
        }
      }
    }
    return bytes;
  }
}
