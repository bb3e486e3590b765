package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.ActivityTestBase;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A baseline chunk closes at a byte bound too, so a few large ids never make one huge chunk. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BaselineChunksBytesTest extends ActivityTestBase {
  @Test
  void aChunkOfLargeIdsClosesBeforeItsCount() {
    MongoCollection<BsonDocument> chunks = db(green).getCollection("chunks", BsonDocument.class);
    BaselineChunks.Writer writer = new BaselineChunks.Writer(chunks, 1, null);
    String large = "x".repeat(400 * 1024);
    for (int i = 0; i < 6; i++) {
      writer.add(new BsonString(i + large), new byte[BaselineEntry.HASH_BYTES]);
    }
    writer.close();

    assertEquals(6, writer.count());
    long bound =
        BaselineChunks.CHUNK_ID_BYTES / BaselineChunks.Writer.size(new BsonString(large)) + 1;
    assertEquals(
        (6 + bound - 1) / bound,
        chunks.countDocuments(),
        "chunks of at most " + bound + " such ids");
  }
}
