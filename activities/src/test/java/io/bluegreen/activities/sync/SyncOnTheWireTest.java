package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.RealServers;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.netty.channel.Channel;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What mongo-java-server cannot do by itself, on a server that still speaks the real wire protocol
 * to the real driver: a write-concern error (the emulator never reports one), a crash in the middle
 * of a sync (a write-concern error after Green's writes and before the baseline's), and views and
 * time-series collections (the emulator neither keeps nor reports their definitions). The backend
 * below adds exactly those behaviours to the in-memory emulator, as MongoDB reports them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncOnTheWireTest {
  static RealServers redisAndMongo;
  static MongoServer server;
  static FaultyBackend backend;
  static Connections connections;
  static int seq;
  TestActivityEnvironment env;
  PlatformSpec blue;
  PlatformSpec green;
  String deployment;
  SyncActivities sync;
  CollectionCopyActivities copy;

  @BeforeAll
  static void start() throws Exception {
    redisAndMongo = new RealServers();
    backend = new FaultyBackend();
    server = new MongoServer(backend);
    String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    connections =
        new Connections(
            Map.of("local", uri), Map.of("local", "redis://127.0.0.1:" + redisAndMongo.redisPort));
  }

  @AfterAll
  static void stop() throws Exception {
    connections.close();
    server.shutdownNow();
    redisAndMongo.close();
  }

  @BeforeEach
  void setUp() {
    seq++;
    blue = new PlatformSpec("local", "wire_blue_" + seq, "local", 0, "blue");
    green = new PlatformSpec("local", "wire_green_" + seq, "local", 1, "green");
    deployment = "bluegreen-wire-" + seq;
    backend.failing.clear();
    backend.droppedInserts.clear();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new SyncActivitiesImpl(connections),
        new CollectionCopyActivitiesImpl(connections),
        new PreflightActivitiesImpl(connections));
    ActivityOptions once =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    sync = env.newActivityStub(SyncActivities.class, once);
    copy = env.newActivityStub(CollectionCopyActivities.class, once);
    for (int i = 0; i < 50; i++) {
      db(blue)
          .getCollection("workflows")
          .insertOne(new Document("_id", i).append("name", "wf-" + i));
    }
    copy.copyCollection(new CopyInput(blue, green, "workflows", 20));
    sync.recordBaseline(new BaselineInput(blue, green, deployment, List.of("workflows"), 1));
  }

  @AfterEach
  void close() {
    env.close();
  }

  MongoDatabase db(PlatformSpec p) {
    return connections.mongo("local").getDatabase(p.database());
  }

  SyncResult full() {
    return sync.syncCollections(
        new SyncInput(
            blue,
            green,
            deployment,
            List.of("workflows"),
            null,
            SyncPolicy.halt(),
            SyncInput.FULL,
            10,
            1));
  }

  void editBlue() {
    db(blue)
        .getCollection("workflows")
        .updateOne(Filters.eq("_id", 3), Updates.set("name", "edited"));
    db(blue).getCollection("workflows").deleteOne(Filters.eq("_id", 4));
    db(blue).getCollection("workflows").insertOne(new Document("_id", 100).append("name", "new"));
  }

  static ApplicationFailure failureOf(Runnable call) {
    var f = Assertions.assertThrows(ActivityFailure.class, call::run);
    return Assertions.assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  @Test
  void aWriteConcernErrorOnGreenFailsTheSyncAndIsNotCountedAsDone() {
    editBlue();
    backend.failWrites(green.database() + ".workflows", 1);
    ApplicationFailure f = failureOf(this::full);
    assertTrue(
        f.getOriginalMessage().contains("waiting for replication timed out"),
        f.getOriginalMessage());
    assertFalse(f.isNonRetryable(), "retried, like any failed write");
    assertTrue(
        backend.writeConcerns.get(green.database() + ".workflows").toString().contains("majority"),
        "Green's writes ask for majority: " + backend.writeConcerns);
    assertTrue(
        backend
            .writeConcerns
            .get(
                connections.stateDatabase()
                    + "."
                    + BaselineStore.key(deployment, green.database())
                    + "~meta")
            .toString()
            .contains("majority"),
        "so do the baseline's: " + backend.writeConcerns);
    // Not recorded as done: the baseline did not move (the write is in doubt until a pass sees it).
    BaselineStore store =
        new BaselineStore(
            connections.mongo("local").getDatabase(connections.stateDatabase()),
            deployment,
            green.database());
    List<Object> ids = baselineIds(store);
    assertEquals(50, ids.size());
    assertTrue(ids.contains(4), "Blue's delete is not yet in the baseline");
    assertFalse(ids.contains(100));
    SyncResult next = full();
    assertEquals(0, next.totalConflicts());
    assertEquals(
        ActivityTestBase.snapshot(db(blue)).get("workflows"),
        ActivityTestBase.snapshot(db(green)).get("workflows"));
    ids = baselineIds(store);
    assertFalse(ids.contains(4));
    assertTrue(ids.contains(100));
  }

  static List<Object> baselineIds(BaselineStore store) {
    List<Object> out = new ArrayList<>();
    try (BaselineChunks.Reader r = store.read("workflows")) {
      for (BsonValue id = r.peekId(); id != null; id = r.peekId()) {
        out.add(id.asInt32().getValue());
        r.takeIf(id);
      }
    }
    return out;
  }

  @Test
  void aSyncThatDiesBetweenGreensWritesAndTheBaselinesIsIdempotentOnRetry() {
    editBlue();
    // Green's writes land; writing the next baseline generation then fails.
    // (each generation is a collection of its own, named by a random number)
    backend.failWrites(
        connections.stateDatabase()
            + "."
            + BaselineStore.key(deployment, green.database())
            + "~c~workflows~*",
        1);
    failureOf(this::full);
    assertEquals(
        "edited",
        db(green).getCollection("workflows").find(Filters.eq("_id", 3)).first().getString("name"),
        "Green's writes of the failed attempt landed");

    SyncResult retry = full();
    assertEquals(
        0,
        retry.totalConflicts(),
        "Green already equal to Blue over the old baseline is not a conflict");
    assertEquals(
        ActivityTestBase.snapshot(db(blue)).get("workflows"),
        ActivityTestBase.snapshot(db(green)).get("workflows"));
    SyncCollectionResult after = full().collections().get(0);
    assertEquals(
        0,
        after.inserted()
            + after.updated()
            + after.deleted()
            + after.greenKept()
            + after.conflicts(),
        after.toString());
  }

  /**
   * A unique value Blue swapped between two documents goes to Green as a delete and an insert of
   * both. The connection drops between the two: before, both documents were gone from Green, and
   * the retry read that as Green's own deletes (two conflicts, and Blue's swap never applied).
   */
  @Test
  void aUniqueSwapInterruptedBetweenItsDeleteAndItsInsertLosesNothing() {
    for (PlatformSpec p : List.of(blue, green)) {
      db(p)
          .getCollection("workflows")
          .createIndex(new Document("name", 1), new IndexOptions().unique(true));
    }
    db(blue).getCollection("workflows").updateOne(Filters.eq("_id", 1), Updates.set("name", "tmp"));
    db(blue)
        .getCollection("workflows")
        .updateOne(Filters.eq("_id", 2), Updates.set("name", "wf-1"));
    db(blue)
        .getCollection("workflows")
        .updateOne(Filters.eq("_id", 1), Updates.set("name", "wf-2"));
    backend.dropInserts(green.database() + ".workflows", 1);

    failureOf(this::full);
    assertEquals(
        50,
        db(green).getCollection("workflows").countDocuments(),
        "Green lost none of its documents");

    SyncResult retry = full();
    assertEquals(
        0,
        retry.totalConflicts(),
        "the swap is Blue's change, not Green's delete: " + retry.conflictSamples());
    assertEquals(
        ActivityTestBase.snapshot(db(blue)).get("workflows"),
        ActivityTestBase.snapshot(db(green)).get("workflows"));
  }

  @Test
  void aBlueViewIsCreatedOnGreenAsAViewNotCopiedAsData() {
    List<Document> pipeline = List.of(new Document("$match", new Document("name", "wf-1")));
    db(blue)
        .runCommand(
            new Document("create", "one_workflow")
                .append("viewOn", "workflows")
                .append("pipeline", pipeline));
    SyncResult r = full();
    SyncCollectionResult view =
        r.collections().stream()
            .filter(c -> c.collection().equals("one_workflow"))
            .findFirst()
            .orElseThrow();
    assertTrue(view.created());
    assertEquals("view", view.note());
    assertEquals(0, view.inserted());
    Document options = backend.kept.get(green.database() + ".one_workflow");
    assertEquals("workflows", options.get("viewOn"));
    assertEquals(1, ((List<?>) options.get("pipeline")).size());
    assertFalse(
        backend.inserted.contains(green.database() + ".one_workflow"),
        "no document is written to a view");
    // The copy activity does the same when a view is in the copied set.
    CopyResult c =
        copy.copyCollection(
            new CopyInput(
                blue,
                new PlatformSpec("local", "wire_other_" + seq, "local", 2, "g"),
                "one_workflow",
                10));
    assertEquals(0, c.documents());
    assertEquals(
        "workflows", backend.kept.get("wire_other_" + seq + ".one_workflow").get("viewOn"));
  }

  @Test
  void aTimeSeriesCollectionIsRefusedInPreflightAndReportedBySync() {
    db(blue)
        .getCollection("iap_profiles")
        .insertOne(new Document("id", "blue").append("startJobs", true).append("taskWorker", true));
    db(blue)
        .runCommand(
            new Document("create", "metrics").append("timeseries", new Document("timeField", "t")));
    PreflightActivities preflight =
        env.newActivityStub(
            PreflightActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    PlatformSpec emptyGreen = new PlatformSpec("local", "wire_empty_" + seq, "local", 3, "green");
    ApplicationFailure f =
        failureOf(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blue, emptyGreen, null, new Switches("startJobs", "taskWorker"), true)));
    assertTrue(
        f.getOriginalMessage().contains("'metrics' is a time-series collection"),
        f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("collections.exclude"), f.getOriginalMessage());

    SyncCollectionResult metrics =
        full().collections().stream()
            .filter(c -> c.collection().equals("metrics"))
            .findFirst()
            .orElseThrow();
    assertFalse(metrics.created());
    assertTrue(metrics.note().startsWith("not synced:"), metrics.note());
    assertFalse(db(green).listCollectionNames().into(new ArrayList<>()).contains("metrics"));
  }

  /**
   * The emulator plus: create's options kept and reported by listCollections, with MongoDB's {@code
   * type} for views and time series; and, on demand, a {@code writeConcernError} in the reply to a
   * write on one namespace, after the write is applied, as MongoDB reports a write that did not
   * reach a majority in time.
   */
  static final class FaultyBackend extends MemoryBackend {
    final Map<String, Document> kept = new ConcurrentHashMap<>();
    final List<String> inserted = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

    /** The write concern of the last write to each namespace. */
    final Map<String, Object> writeConcerns = new ConcurrentHashMap<>();

    /** Inserts into these namespaces drop the connection instead of running, that many times. */
    final Map<String, AtomicInteger> droppedInserts = new ConcurrentHashMap<>();

    /** {@code namespace} may end in {@code *}: every namespace it starts. */
    void failWrites(String namespace, int times) {
      failing.put(namespace, new AtomicInteger(times));
    }

    void dropInserts(String namespace, int times) {
      droppedInserts.put(namespace, new AtomicInteger(times));
    }

    private AtomicInteger failing(String namespace) {
      for (Map.Entry<String, AtomicInteger> e : failing.entrySet()) {
        String k = e.getKey();
        if (k.equals(namespace)
            || (k.endsWith("*") && namespace.startsWith(k.substring(0, k.length() - 1)))) {
          return e.getValue();
        }
      }
      return null;
    }

    @Override
    public de.bwaldvogel.mongo.bson.Document handleCommand(
        Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
      String c = command.toLowerCase(Locale.ROOT);
      if (c.equals("create")) {
        Document options = new Document();
        de.bwaldvogel.mongo.bson.Document passed = new de.bwaldvogel.mongo.bson.Document();
        for (Map.Entry<String, Object> e : query.entrySet()) {
          String k = e.getKey();
          boolean option =
              !k.equals("create")
                  && !k.startsWith("$")
                  && !k.equals("lsid")
                  && !k.equals("writeConcern");
          if (option) {
            options.put(k, e.getValue());
          } else {
            passed.put(k, e.getValue());
          }
        }
        de.bwaldvogel.mongo.bson.Document result =
            super.handleCommand(channel, database, command, passed);
        kept.put(database + "." + query.get("create"), options);
        return result;
      }
      if (c.equals("insert")) {
        AtomicInteger drop = droppedInserts.get(database + "." + query.get("insert"));
        if (drop != null && drop.getAndDecrement() > 0) {
          // The worker (or the network) gone between two commands: nothing of this one runs.
          channel.close().syncUninterruptibly();
          throw new IllegalStateException("connection dropped before the insert");
        }
        inserted.add(database + "." + query.get("insert"));
      }
      de.bwaldvogel.mongo.bson.Document result =
          super.handleCommand(channel, database, command, query);
      if (c.equals("insert") || c.equals("update") || c.equals("delete")) {
        Object wc = query.get("writeConcern");
        writeConcerns.put(
            database + "." + query.get(command), wc == null ? "default" : wc.toString());
        AtomicInteger left = failing(database + "." + query.get(command));
        if (left != null && left.getAndDecrement() > 0) {
          result.put(
              "writeConcernError",
              new de.bwaldvogel.mongo.bson.Document("code", 64)
                  .append("codeName", "WriteConcernFailed")
                  .append("errmsg", "waiting for replication timed out"));
        }
      }
      if (c.equals("listcollections")) {
        de.bwaldvogel.mongo.bson.Document cursor =
            (de.bwaldvogel.mongo.bson.Document) result.get("cursor");
        @SuppressWarnings("unchecked")
        List<Object> batch = (List<Object>) cursor.get("firstBatch");
        for (Object o : batch) {
          de.bwaldvogel.mongo.bson.Document info = (de.bwaldvogel.mongo.bson.Document) o;
          Document options = kept.get(database + "." + info.get("name"));
          if (options != null) {
            info.put("options", new de.bwaldvogel.mongo.bson.Document(options));
            if (options.containsKey("viewOn")) {
              info.put("type", "view");
            } else if (options.containsKey("timeseries")) {
              info.put("type", "timeseries");
            }
          }
        }
      }
      return result;
    }
  }
}
