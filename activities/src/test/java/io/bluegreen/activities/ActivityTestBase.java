package io.bluegreen.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/** Real servers per test class, a fresh pair of databases and an activity environment per test. */
public abstract class ActivityTestBase {
  private static final AtomicInteger SEQ = new AtomicInteger();
  protected static RealServers servers;
  protected static Connections connections;

  protected TestActivityEnvironment env;
  protected PlatformSpec blue;
  protected PlatformSpec green;

  @BeforeAll
  protected static void startServers() throws Exception {
    servers = new RealServers();
    connections = servers.connections();
  }

  @AfterAll
  protected static void stopServers() throws Exception {
    connections.close();
    servers.close();
  }

  @BeforeEach
  protected void freshPlatforms() {
    int n = SEQ.incrementAndGet();
    blue = new PlatformSpec("local", "itential_" + n, "local", 0, "blue");
    green = new PlatformSpec("local", "itential_green_" + n, "local", 1, "green");
    connections.redis("local", 0).flushAll();
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  protected void closeEnv() {
    env.close();
  }

  protected <T> T stub(Class<T> type, Object impl) {
    env.registerActivitiesImplementations(impl);
    return env.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  protected MongoDatabase db(PlatformSpec spec) {
    return connections.mongo(spec.mongo()).getDatabase(spec.database());
  }

  /** Runs the call, expects it to fail, and returns the application failure it carried. */
  public static ApplicationFailure failure(Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  public static void assertFailure(ApplicationFailure f, String type, boolean nonRetryable) {
    assertEquals(type, f.getType(), f.getOriginalMessage());
    assertEquals(nonRetryable, f.isNonRetryable(), f.getOriginalMessage());
  }

  /** Every collection's documents as raw bytes in _id order: for "nothing changed" checks. */
  public static Map<String, List<String>> snapshot(MongoDatabase db) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String name : db.listCollectionNames()) {
      List<String> docs = new ArrayList<>();
      try (MongoCursor<RawBsonDocument> c =
          db.getCollection(name, RawBsonDocument.class)
              .find()
              .sort(Sorts.ascending("_id"))
              .iterator()) {
        c.forEachRemaining(d -> docs.add(HexFormat.of().formatHex(bytes(d))));
      }
      out.put(name, docs);
    }
    return out;
  }

  public static byte[] bytes(RawBsonDocument d) {
    ByteBuffer b = d.getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** A small Itential-like Blue platform: profile, service configs, content, runtime data. */
  protected void seedBlue(int workflows) {
    MongoDatabase db = db(blue);
    db.getCollection("iap_profiles")
        .insertOne(
            new Document("id", "blue")
                .append(
                    "redisProps",
                    new Document("host", "127.0.0.1").append("port", 6379).append("db", 0))
                .append("startJobs", true)
                .append("taskWorker", true)
                .append("description", "the blue platform"));
    db.getCollection("iap_profiles")
        .insertOne(
            new Document("id", "other").append("startJobs", true).append("taskWorker", true));
    for (int i = 0; i < 3; i++) {
      db.getCollection("service_configs")
          .insertOne(
              new Document("_id", "svc" + i)
                  .append("name", "adapter-" + i)
                  .append("properties", new Document("port", 8000 + i)));
    }
    insertWorkflows(db, workflows);
    db.getCollection("forms").insertOne(new Document("name", "form-1"));
    db.getCollection("migrations")
        .insertOne(new Document("name", "001-initial").append("ran", new Date(0)));
    db.getCollection("jobs").insertOne(new Document("status", "complete"));
    db.getCollection("tasks").insertOne(new Document("status", "complete"));
  }

  protected static void insertWorkflows(MongoDatabase db, int n) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(
          new Document("_id", new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i))
              .append("name", "workflow-" + i)
              .append("created", new Date(1_700_000_000_000L + i))
              .append("version", (long) i)
              .append("ratio", i / 7.0)
              .append(
                  "tasks",
                  List.of(new Document("id", "t" + i).append("next", List.of(1, 2, 3)), "x"))
              .append(
                  "meta",
                  new Document("owner", new ObjectId())
                      .append("tags", List.of("a", "b" + i))
                      .append("empty", new Document())));
    }
    db.getCollection("workflows").insertMany(docs);
  }
}
