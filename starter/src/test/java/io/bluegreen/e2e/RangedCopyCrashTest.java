package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A collection above {@code copy.rangeThreshold} copies as parallel {@code _id} ranges; the worker
 * (its own process) is SIGKILLed while its ranges are mid-copy; every range resumes from its own
 * checkpoint (its result in history names the checkpoint it resumed after, never zero), and Green
 * ends byte-identical to Blue. The collection's ids are of three types (ObjectIds, numbers,
 * strings), so range bounds and resumed ranges cross type brackets.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RangedCopyCrashTest {
  private static final String LARGE = "audit_trail";
  private static final int PER_TYPE = 3_000;
  private static final int BATCH = 100;

  /**
   * Per copy activity: each range of 2,250 documents takes at least 45 seconds. The SDK sends a
   * running activity's heartbeats at most every 12 seconds (0.8 of the 15-second heartbeat
   * timeout), and a copy's first one is often its keep-alive's, before its first batch, with no
   * checkpoint yet: a range's first checkpoint reaches the server about 15 seconds after it starts.
   * The fourth range starts a few seconds after the others (a small collection holds its slot
   * first), so at 250 a second (nine seconds a range) and at 100 (22 seconds) the first ranges
   * could end before the last one's checkpoint showed, and "four ranges mid-copy" was never seen.
   */
  private static final int DOCUMENTS_PER_SECOND = 50;

  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-ranges"));
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  private static void seed(String blue) {
    new DemoPlatform(2_000, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, blue, blue + "_green");
    fx.mongo
        .getDatabase(blue)
        .getCollection("jobs")
        .updateMany(Filters.eq("status", "running"), Updates.set("status", "complete"));
    MongoCollection<Document> large = fx.mongo.getDatabase(blue).getCollection(LARGE);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < PER_TYPE; i++) {
      docs.add(new Document("_id", new ObjectId()).append("n", i).append("kind", "oid"));
      docs.add(new Document("_id", i).append("n", i).append("kind", "int"));
      docs.add(new Document("_id", "entry-" + i).append("n", i).append("kind", "string"));
    }
    for (int i = 0; i < docs.size(); i += 1000) {
      large.insertMany(docs.subList(i, Math.min(docs.size(), i + 1000)));
    }
  }

  private static DeploymentRequest request(String blue) {
    DeploymentRequest r = E2e.request(blue, 3, "bluegreen:" + blue, BATCH, 4);
    // Only the large collection reaches the threshold; four ranges fill the four copy slots.
    return new DeploymentRequest(
        r.deployment(),
        r.blue(),
        r.green(),
        r.collections(),
        r.switches(),
        new CopyOptions(BATCH, 4, true, DOCUMENTS_PER_SECOND, 3 * PER_TYPE, 4),
        r.approval(),
        r.cutover(),
        r.failoverWindow(),
        r.sync(),
        null);
  }

  /** What the last look at the running copies found, for a failure to name. */
  private static volatile String lastSeen = "nothing yet";

  /** The running range copies of the large collection and their last checkpoints, by range. */
  private static Map<Integer, CopyCheckpoint> rangeCheckpoints(String workflowId) {
    Map<Integer, CopyCheckpoint> out = new TreeMap<>();
    List<String> seen = new ArrayList<>();
    for (PendingActivityInfo a : E2e.pending(fx, workflowId)) {
      if (!a.getActivityType().getName().equals("CopyCollection")) {
        continue;
      }
      CopyCheckpoint c =
          a.hasHeartbeatDetails()
              ? DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                  0,
                  Optional.of(a.getHeartbeatDetails()),
                  CopyCheckpoint.class,
                  CopyCheckpoint.class)
              : null;
      seen.add(a.getState() + " attempt " + a.getAttempt() + " " + c);
      if (c != null
          && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
          && LARGE.equals(c.collection())
          && c.range() != null) {
        out.put(c.range(), c);
      }
    }
    String now = seen.toString();
    if (!now.equals(lastSeen)) {
      System.out.println("[ranges] " + Instant.now() + " running copies: " + now);
      lastSeen = now;
    }
    return out;
  }

  /**
   * The results of the large collection's range copies in the workflow's history, by range: of each
   * range, its last attempt's.
   */
  private static Map<Integer, CopyResult> rangeResults(String workflowId) {
    Map<Long, String> activityTypes = new HashMap<>();
    Map<Integer, CopyResult> out = new TreeMap<>();
    for (HistoryEvent event : fx.client.fetchHistory(workflowId).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        activityTypes.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        ActivityTaskCompletedEventAttributes done = event.getActivityTaskCompletedEventAttributes();
        if (!"CopyCollection".equals(activityTypes.get(done.getScheduledEventId()))) {
          continue;
        }
        CopyResult r =
            DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0, Optional.of(done.getResult()), CopyResult.class, CopyResult.class);
        if (LARGE.equals(r.collection()) && r.range() != null) {
          out.put(r.range(), r);
        }
      }
    }
    return out;
  }

  @Test
  void workerKilledMidRangesResumesEveryRangeFromItsCheckpointToAnIdenticalGreen()
      throws Exception {
    String blue = "ranges";
    seed(blue);
    String id = "bluegreen-" + blue;
    BlueGreenDeploymentWorkflow wf = fx.start(id, request(blue));
    try {
      // Every range under way, each with a checkpoint of its own (a batch or more copied).
      try {
        E2e.awaitTrue(
            "four ranges mid-copy",
            240_000,
            () -> {
              Map<Integer, CopyCheckpoint> at = rangeCheckpoints(id);
              return at.size() == 4 && at.values().stream().allMatch(c -> c.copied() >= BATCH);
            });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; the copies last seen: " + lastSeen, e);
      }
      Map<Integer, CopyCheckpoint> atKill = rangeCheckpoints(id);
      System.out.println("[ranges] checkpoints at the kill: " + atKill);
      assertTrue(
          atKill.values().stream().allMatch(c -> c.copied() < 3L * PER_TYPE / 4 + BATCH),
          "still mid-range: " + atKill);
      fx.stack.killWorker();
      MongoCollection<Document> onGreen =
          fx.mongo.getDatabase(blue + "_green").getCollection(LARGE);
      long atKillOnGreen = onGreen.countDocuments();
      fx.stack.startWorker();
      // The new worker copies again once the server has timed out the dead one's ranges; until it
      // polls, the server refuses a status query ("no poller seen"), so Green is what is watched.
      E2e.awaitTrue(
          "the ranges copying again after the restart",
          240_000,
          () -> onGreen.countDocuments() > atKillOnGreen);

      DeploymentStatus waiting =
          LocalStackFixture.await(
              wf, Duration.ofMinutes(8), s -> s.phase() == Phase.AWAITING_APPROVAL);
      E2e.assertGreenIdentical(fx, blue, waiting);

      // Every range's last attempt went on from its checkpoint, as its result in history says (a
      // heartbeat could not say it: the SDK holds a running activity's heartbeats back for up to
      // 12 seconds, so a resumed range may end before the server sees it move).
      Map<Integer, CopyResult> results = rangeResults(id);
      System.out.println("[ranges] results: " + results);
      assertEquals(atKill.keySet(), results.keySet(), "a result for every range: " + results);
      long documents = 0;
      for (Map.Entry<Integer, CopyResult> e : results.entrySet()) {
        CopyCheckpoint killed = atKill.get(e.getKey());
        Long resumedAfter = e.getValue().resumedAfter();
        assertTrue(
            resumedAfter != null && resumedAfter >= killed.copied(),
            "range "
                + e.getKey()
                + " counts on from its checkpoint of "
                + killed.copied()
                + " documents, not from zero: "
                + e.getValue());
        documents += e.getValue().documents();
      }
      assertEquals(3L * PER_TYPE, documents, "the ranges' results add up to the collection");
      CollectionProgress large =
          waiting.collections().stream()
              .filter(c -> c.name().equals(LARGE))
              .findFirst()
              .orElseThrow();
      assertEquals(
          3L * PER_TYPE, large.copied(), "the status adds the ranges up to the collection");
      assertTrue(
          waiting.events().stream()
              .map(DeploymentEvent::message)
              .anyMatch(m -> m.startsWith("split " + LARGE + " into 4 _id ranges")),
          "" + waiting.events());
      wf.abort(new OperatorSignal("ranges-test", "done"));
      WorkflowStub.fromTyped(wf).getResult(3, TimeUnit.MINUTES, DeploymentStatus.class);
    } finally {
      try {
        fx.client.newUntypedWorkflowStub(id).terminate("test ended");
      } catch (RuntimeException e) {
        // Already closed.
      }
    }
  }
}
