package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.RealServers;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The prefetching copy engine: batching by bytes, resume, cancellation, throttle, collection
 * options.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CopyEngineTest extends ActivityTestBase {
  CollectionCopyActivities copy;

  /**
   * Virtual time for the throttle: it passes only when the throttle sleeps, so nothing depends on
   * the machine's speed.
   */
  final VirtualClock clock = new VirtualClock();

  static final class VirtualClock implements Throttle.Clock {
    final AtomicLong now = new AtomicLong();
    final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    }
  }

  @BeforeEach
  void setUp() {
    copy =
        stub(CollectionCopyActivities.class, new CollectionCopyActivitiesImpl(connections, clock));
  }

  List<RawBsonDocument> docs(MongoDatabase db, String name) {
    return db.getCollection(name, RawBsonDocument.class)
        .find()
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  void assertIdentical(String name) {
    List<RawBsonDocument> b = docs(db(blue), name);
    List<RawBsonDocument> g = docs(db(green), name);
    assertEquals(b.size(), g.size());
    for (int i = 0; i < b.size(); i++) {
      assertArrayEquals(bytes(b.get(i)), bytes(g.get(i)), "document " + i);
    }
  }

  /** Documents of about {@code kb} KB each, with ids 0..n-1. */
  void seed(String name, int n, int kb) {
    String filler = "x".repeat(kb * 1024);
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(
          new Document("_id", i)
              .append("n", i)
              .append("nested", new Document("a", List.of(i, "s" + i)))
              .append("blob", filler));
      if (batch.size() == 50) {
        db(blue).getCollection(name).insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      db(blue).getCollection(name).insertMany(batch);
    }
  }

  static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("copy-read-") && t.isAlive());
  }

  @Test
  void largeDocumentsAreBatchedByBytesAndCopiedByteForByte() {
    // 20 documents of 1 MB: a batch closes at 16 MB, well before the 1000-document count.
    seed("big", 20, 1024);
    CopyResult r = copy.copyCollection(new CopyInput(blue, green, "big", 1000));
    assertEquals(20, r.documents());
    assertTrue(r.bytes() > 20L * 1024 * 1024);
    assertIdentical("big");
    // What reached Green, insert by insert: batches closed at 16 MB (15 documents of just over
    // 1 MB), well before the 1000-document count. Counted on the server, so no heartbeat timing
    // (a slow first query makes the keep-alive heartbeat first) can change it.
    List<Integer> batches =
        servers.inserts.stream()
            .filter(i -> i.database().equals(green.database()) && i.collection().equals("big"))
            .map(RealServers.Insert::documents)
            .toList();
    assertEquals(20, batches.stream().mapToInt(Integer::intValue).sum(), "inserts: " + batches);
    assertTrue(
        batches.size() >= 2 && batches.stream().allMatch(n -> n >= 1 && n < 16),
        "each insert holds at most 16 MB: " + batches);
    VerifyResult v = copy.verifyCollection(new VerifyInput(blue, green, "big", 5));
    assertTrue(v.match(), v.toString());
  }

  @Test
  void resumesFromACheckpointWithThePrefetchingReader() {
    seed("c", 2500, 1);
    List<RawBsonDocument> blueDocs = docs(db(blue), "c");
    env.setHeartbeatDetails(
        new CopyCheckpoint("c", BsonIds.toJson(blueDocs.get(1199).get("_id")), 1200, 0));
    CopyResult r = copy.copyCollection(new CopyInput(blue, green, "c", 300));
    assertEquals(2500, r.documents());
    List<RawBsonDocument> greenDocs = docs(db(green), "c");
    assertEquals(1300, greenDocs.size(), "only what follows the checkpoint");
    assertEquals(blueDocs.get(1200).get("_id"), greenDocs.get(0).get("_id"));
    db(green).getCollection("c", RawBsonDocument.class).insertMany(blueDocs.subList(0, 1200));
    assertIdentical("c");
  }

  @Test
  void cancellationStopsTheWriterAndTheReader() throws Exception {
    seed("c", 3000, 1);
    env.requestCancelActivity();
    assertThrows(
        RuntimeException.class, () -> copy.copyCollection(new CopyInput(blue, green, "c", 100)));
    assertEquals(
        100, db(green).getCollection("c").countDocuments(), "stops at the first heartbeat");
    // The reader thread must not outlive the attempt (it would hold a cursor on Blue): wait for
    // it to end; the class's timeout fails the test if it never does.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("copy-read-")) {
        t.join();
      }
    }
    assertFalse(readerAlive(), "the prefetching reader stopped");
  }

  @Test
  void aReaderFailureReachesTheConsumer() {
    try (Prefetcher p =
        new Prefetcher(
            () -> {
              throw new IllegalStateException("cursor lost");
            },
            10,
            1024,
            1,
            "copy-read-test")) {
      IllegalStateException e = assertThrows(IllegalStateException.class, p::next);
      assertEquals("cursor lost", e.getMessage());
    }
  }

  @Test
  void honoursTheThrottle() {
    seed("c", 250, 1);
    CopyResult r = copy.copyCollection(new CopyInput(blue, green, "c", 1000, 100));
    assertEquals(250, r.documents());
    // Batches of one second's worth (100, 100, 50); each waits until its documents are due: the
    // copy's writes take no virtual time, so the throttle sleeps until 1 s, 2 s and 2.5 s.
    assertEquals(List.of(1_000_000_000L, 1_000_000_000L, 500_000_000L), clock.sleeps);
    assertEquals(2_500_000_000L, clock.now.get(), "250 documents at 100/s take 2.5 s");
    List<Integer> batches =
        servers.inserts.stream()
            .filter(i -> i.database().equals(green.database()) && i.collection().equals("c"))
            .map(RealServers.Insert::documents)
            .toList();
    assertEquals(List.of(100, 100, 50), batches, "a throttled batch is one second's worth");
    assertIdentical("c");
  }

  @Test
  void unthrottledIsNotSlowedDown() {
    seed("c", 200, 1);
    copy.copyCollection(new CopyInput(blue, green, "c", 1000, 0));
    assertEquals(List.of(), clock.sleeps, "0 means unlimited: the copy never waits");
    assertIdentical("c");
  }
}
