package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conditional writes themselves on a MongoDB-wire server: a replace goes through only while the
 * target is as read, with the whole-document comparison and with the per-field filter a server
 * without {@code $expr} gets.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConditionalWritesTest extends SyncTestBase {
  private final BsonValue id = new BsonInt32(1);

  private MongoCollection<RawBsonDocument> scratch() {
    MongoCollection<RawBsonDocument> c =
        db(blue).getCollection("conditional", RawBsonDocument.class);
    c.drop();
    db(blue)
        .getCollection("conditional")
        .insertOne(new Document("_id", 1).append("a", 1).append("tags", List.of(1, 2)));
    return c;
  }

  private static RawBsonDocument to() {
    return RawBsonDocument.parse("{\"_id\": 1, \"a\": 3}");
  }

  private long replace(MongoCollection<RawBsonDocument> c, RawBsonDocument read, boolean whole) {
    return c.bulkWrite(List.of(ConditionalWrites.write(id, read, to(), whole))).getMatchedCount();
  }

  @Test
  void aReplaceMatchesOnlyTheDocumentAsRead() {
    MongoCollection<RawBsonDocument> c = scratch();
    assertTrue(ConditionalWrites.comparesWholeDocuments(c), "mongo-java-server has $expr");
    RawBsonDocument read = c.find().first();

    // Per field (a server without $expr): an edited field no longer matches.
    db(blue).getCollection("conditional").updateOne(Filters.eq("_id", 1), Updates.set("a", 2));
    assertEquals(0, replace(c, read, false));
    assertEquals(2, db(blue).getCollection("conditional").find().first().get("a"));

    // The whole document: a field added since the read no longer matches either.
    read = c.find().first();
    db(blue).getCollection("conditional").updateOne(Filters.eq("_id", 1), Updates.set("b", 1));
    assertEquals(0, replace(c, read, true));
    assertEquals(1, db(blue).getCollection("conditional").find().first().get("b"));

    // Unchanged since the read: written.
    read = c.find().first();
    assertEquals(1, replace(c, read, true));
    assertEquals(to(), c.find().first());
  }
}
