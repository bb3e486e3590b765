package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.model.PlatformSpec;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonInt32;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A copy resumed from its checkpoint on a server that does not know the {@code maxKey} type alias,
 * as FerretDB 1.24 answers ({@code BadValue: Unknown type name alias: maxKey}). Found on the local
 * stack: a worker restarted during a 1,000,000-document copy on FerretDB, and every resumed copy
 * then failed on every attempt. The emulator here refuses the alias the same way.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ResumeWithoutMaxKeyTest {
  /** mongo-java-server refusing {@code $type: "maxKey"} in a find, like FerretDB. */
  static final class NoMaxKeyBackend extends MemoryBackend {
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public de.bwaldvogel.mongo.bson.Document handleCommand(
        Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
      if (command.equals("find") && String.valueOf(query.get("filter")).contains("maxKey")) {
        refused.incrementAndGet();
        throw new MongoServerError(2, "BadValue", "Unknown type name alias: maxKey");
      }
      return super.handleCommand(channel, database, command, query);
    }
  }

  private NoMaxKeyBackend backend;
  private final PlatformSpec blue = new PlatformSpec("local", "resume_blue", "local", 0, "blue");
  private final PlatformSpec green = new PlatformSpec("local", "resume_green", "local", 1, "green");

  private CopyOnBackend servers;

  @BeforeEach
  void start() {
    backend = new NoMaxKeyBackend();
    servers = new CopyOnBackend(backend);
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void aResumedCopyFinishesTheRestWhereTheServerRefusesTheMaxKeyAlias() {
    var blueDocs = servers.client.getDatabase(blue.database()).getCollection("jobs");
    var greenDocs = servers.client.getDatabase(green.database()).getCollection("jobs");
    for (int i = 0; i < 10; i++) {
      blueDocs.insertOne(new Document("_id", i).append("v", "job-" + i));
    }
    blueDocs.insertOne(new Document("_id", "string-id").append("v", "later bracket"));
    // What the crashed attempt had copied: ids 0..4, the checkpoint at 4.
    for (int i = 0; i < 5; i++) {
      greenDocs.insertOne(new Document("_id", i).append("v", "job-" + i));
    }
    servers.env.setHeartbeatDetails(
        new CopyCheckpoint("jobs", BsonIds.toJson(new BsonInt32(4)), 5, 0));

    CopyResult result = servers.copy.copyCollection(new CopyInput(blue, green, "jobs", 3));

    assertTrue(
        backend.refused.get() > 0, "the resumed read asked for maxKey first and was refused");
    assertEquals(
        11,
        result.documents(),
        "5 from the checkpoint plus the 6 after it, the string id included");
    assertEquals(11, greenDocs.countDocuments());
    assertTrue(
        servers.copy.verifyCollection(new VerifyInput(blue, green, "jobs", 5)).match(),
        "Green equals Blue");
  }
}
