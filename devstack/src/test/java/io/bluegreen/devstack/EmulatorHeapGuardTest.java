package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator on a deliberately small heap: it must refuse writes, not die and corrupt its file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmulatorHeapGuardTest {
  @TempDir Path stateDir;
  private DevStack stack;

  @AfterEach
  void tearDown() {
    if (stack != null) {
      stack.down();
    }
  }

  /**
   * In memory (as bench runs it) every document is a Java object. (With its H2 file the emulator
   * pages documents out, and 400,000 documents of 1 KB fit in 96 MB.)
   */
  @Test
  void aFullHeapRefusesWritesWithAClearMessageWhileReadsAndDropsStillWork() {
    stack =
        DevStack.at(DevStack.defaultHome(), stateDir, DevPorts.free(), true)
            .withMongoHeap("192m")
            .output(line -> {});
    stack.startMongo();
    String padding = "x".repeat(1024);
    long acknowledged = 0;
    MongoException refused = null;
    try (MongoClient client = MongoClients.create(stack.mongoUri())) {
      MongoCollection<Document> docs = client.getDatabase("big").getCollection("docs");
      // 192 MB cannot hold 400,000 documents of 1 KB: the guard must speak up well before that.
      while (refused == null && acknowledged < 400_000) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          batch.add(new Document("_id", acknowledged + i).append("pad", padding));
        }
        try {
          docs.insertMany(batch);
          acknowledged += batch.size();
        } catch (MongoException e) {
          refused = e;
        }
      }
      assertTrue(
          refused != null, "no refusal after " + acknowledged + " documents on a 192 MB heap");
      assertEquals(
          EmulatorHeapGuard.EXCEEDED_MEMORY_LIMIT,
          refused.getCode(),
          refused.getMessage()
              + " after "
              + acknowledged
              + " documents; emulator log: "
              + String.join("\n", ProcessSupervisor.tail(stack.log("mongodb"), 3000)));
      assertTrue(
          refused.getMessage().contains("heap is full")
              && refused.getMessage().contains("--mongo ferretdb"),
          refused.getMessage());
      assertEquals(
          acknowledged, docs.countDocuments(), "a refused batch writes nothing; reads still work");
      assertEquals(
          List.of(0L), docs.find().limit(1).map(d -> d.getLong("_id")).into(new ArrayList<>()));
      client.getDatabase("big").drop();
      assertEquals(0, docs.countDocuments(), "dropping a database is allowed: it frees room");
    }
    assertTrue(stack.pid("mongodb").isPresent(), "the emulator is still running");
  }

  @Test
  void theDefaultHeapIsHalfTheMachinesMemoryAndNeverBelow512Mb() {
    assertEquals("12288m", EmulatorHeap.forMemory(24L * 1024 * 1024 * 1024));
    assertEquals("512m", EmulatorHeap.forMemory(600L * 1024 * 1024));
  }

  @Test
  void bluegreenMongoHeapOverridesTheDefaultAndABadValueSaysHowToWriteIt() {
    assertEquals("18g", EmulatorHeap.choose("18G", 24L * 1024 * 1024 * 1024));
    assertEquals("12288m", EmulatorHeap.choose(" ", 24L * 1024 * 1024 * 1024));
    DevStackException e =
        Assertions.assertThrows(
            DevStackException.class, () -> EmulatorHeap.choose("18 GB", 24L * 1024 * 1024 * 1024));
    assertTrue(
        e.getMessage().contains("BLUEGREEN_MONGO_HEAP=18 GB is not a heap size"), e.getMessage());
  }
}
