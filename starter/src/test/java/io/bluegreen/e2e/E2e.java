package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.*;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import redis.clients.jedis.Jedis;

/** Helpers shared by the crash, outage and refusal tests: requests, digests, pending activities. */
final class E2e {
  private E2e() {}

  /**
   * The demo profile's own switch fields: these platforms have no Itential API, so toggling is
   * named.
   */
  static final Switches SWITCHES = new Switches("startJobs", "taskWorker");

  static DeploymentRequest request(
      String blueDb, int greenRedisDb, String trafficKey, int batch, int parallel) {
    return new DeploymentRequest(
        blueDb + "-upgrade",
        new PlatformSpec("local", blueDb, "local", 0, "blue"),
        new PlatformSpec("local", blueDb + "_green", "local", greenRedisDb, "green"),
        null,
        SWITCHES,
        new CopyOptions(batch, parallel, true),
        new ApprovalOptions("PT1H"),
        new CutoverOptions(null, trafficKey, "PT2M").withTrafficRedisDb(0),
        "PT1H");
  }

  static Map<String, String> digests(LocalStackFixture fx, String db) throws Exception {
    Map<String, String> d = new LinkedHashMap<>();
    for (String c : fx.collections(db)) {
      d.put(c, fx.digest(db, c));
    }
    return d;
  }

  static long count(LocalStackFixture fx, String db, List<String> collections) {
    long n = 0;
    for (String c : collections) {
      n += fx.mongo.getDatabase(db).getCollection(c).countDocuments();
    }
    return n;
  }

  static Document profile(LocalStackFixture fx, String db, String id) {
    return fx.mongo
        .getDatabase(db)
        .getCollection("iap_profiles")
        .find(Filters.eq("id", id))
        .first();
  }

  static Boolean switchOf(LocalStackFixture fx, String db, String id, String name) {
    Document p = profile(fx, db, id);
    return p == null ? null : p.getBoolean(name);
  }

  /**
   * Green is Blue, collection by collection, for every collection the deployment copied: same
   * digest over raw BSON in _id order, same count, and no _id twice (a duplicate would show as a
   * count above Blue's even where a unique index is missing).
   */
  static void assertGreenIdentical(LocalStackFixture fx, String blueDb, DeploymentStatus s)
      throws Exception {
    assertTrue(s.collections().size() >= 8, "collections planned: " + s.collections());
    for (CollectionProgress c : s.collections()) {
      assertEquals(Boolean.TRUE, c.match(), c.name());
      assertEquals(c.documents(), c.copied(), "copied count of " + c.name());
      long blue = fx.mongo.getDatabase(blueDb).getCollection(c.name()).countDocuments();
      long green = fx.mongo.getDatabase(blueDb + "_green").getCollection(c.name()).countDocuments();
      assertEquals(blue, green, "count of " + c.name());
      Set<BsonValue> ids = new HashSet<>();
      for (RawBsonDocument d :
          fx.mongo
              .getDatabase(blueDb + "_green")
              .getCollection(c.name(), RawBsonDocument.class)
              .find()
              .projection(new Document("_id", 1))) {
        assertTrue(
            ids.add(d.get("_id")), "duplicate _id " + d.get("_id") + " in Green's " + c.name());
      }
      assertEquals(
          fx.digest(blueDb, c.name()),
          fx.digest(blueDb + "_green", c.name()),
          "Green differs in " + c.name());
    }
  }

  static List<PendingActivityInfo> pending(LocalStackFixture fx, String workflowId) {
    return fx.service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getPendingActivitiesList();
  }

  /** The checkpoints that running copies last heartbeated, as the server holds them. */
  static List<CopyCheckpoint> checkpoints(LocalStackFixture fx, String workflowId) {
    List<CopyCheckpoint> out = new ArrayList<>();
    for (PendingActivityInfo a : pending(fx, workflowId)) {
      if (a.getActivityType().getName().equals("CopyCollection") && a.hasHeartbeatDetails()) {
        try {
          out.add(
              DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                  0,
                  Optional.of(a.getHeartbeatDetails()),
                  CopyCheckpoint.class,
                  CopyCheckpoint.class));
        } catch (RuntimeException e) {
          // A heartbeat of another shape (verify's progress count): not a copy checkpoint.
        }
      }
    }
    return out;
  }

  /** The highest attempt among pending activities: 2 or more once a retry after a crash started. */
  static int maxAttempt(LocalStackFixture fx, String workflowId) {
    int max = 0;
    for (PendingActivityInfo a : pending(fx, workflowId)) {
      max = Math.max(max, a.getAttempt());
    }
    return max;
  }

  /** What the traffic key {@code key} holds in the stack's Redis (db 0). */
  static String trafficKey(LocalStackFixture fx, String key) {
    try (Jedis r = new Jedis(URI.create(fx.stack.redisUri()))) {
      return r.get(key);
    }
  }

  static void awaitTrue(String what, long timeoutMillis, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not reached within " + timeoutMillis + " ms: " + what);
      }
      Thread.sleep(50);
    }
  }
}
