package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * checkpoint (its copied count goes on from there, never from zero), and Green ends byte-identical
 * to Blue. The collection's ids are of three types (ObjectIds, numbers, strings), so range bounds
 * and resumed ranges cross type brackets.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RangedCopyCrashTest {
  private static final String LARGE = "audit_trail";
  private static final int PER_TYPE = 3_000;
  private static final int BATCH = 100;

  /**
   * Per copy activity: each range of 2,250 documents takes about nine seconds, long enough to be
   * killed mid-way.
   */
  private static final int DOCUMENTS_PER_SECOND = 250;

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

  /** The running range copies of the large collection and their last checkpoints, by range. */
  private static Map<Integer, CopyCheckpoint> rangeCheckpoints(String workflowId, int minAttempt) {
    Map<Integer, CopyCheckpoint> out = new HashMap<>();
    for (PendingActivityInfo a : E2e.pending(fx, workflowId)) {
      if (!a.getActivityType().getName().equals("CopyCollection")
          || !a.hasHeartbeatDetails()
          || a.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
          || a.getAttempt() < minAttempt) {
        continue;
      }
      CopyCheckpoint c =
          Optional.ofNullable(
                  DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                      0,
                      Optional.of(a.getHeartbeatDetails()),
                      CopyCheckpoint.class,
                      CopyCheckpoint.class))
              .orElse(null);
      if (c != null && LARGE.equals(c.collection()) && c.range() != null) {
        out.put(c.range(), c);
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
      // Every range under way, each past a few batches of its own.
      E2e.awaitTrue(
          "four ranges mid-copy",
          240_000,
          () -> {
            Map<Integer, CopyCheckpoint> at = rangeCheckpoints(id, 1);
            return at.size() == 4 && at.values().stream().allMatch(c -> c.copied() >= 3L * BATCH);
          });
      Map<Integer, CopyCheckpoint> atKill = rangeCheckpoints(id, 1);
      System.out.println("[ranges] checkpoints at the kill: " + atKill);
      assertTrue(
          atKill.values().stream().allMatch(c -> c.copied() < 3L * PER_TYPE / 4 + BATCH),
          "still mid-range: " + atKill);
      fx.stack.killWorker();
      fx.stack.startWorker();

      // The retries go on from each range's checkpoint: a range started over would heartbeat a
      // count below its checkpoint's.
      Map<Integer, Long> resumedPast = new HashMap<>();
      E2e.awaitTrue(
          "every range resumed past its checkpoint",
          240_000,
          () -> {
            for (Map.Entry<Integer, CopyCheckpoint> e : rangeCheckpoints(id, 2).entrySet()) {
              CopyCheckpoint killed = atKill.get(e.getKey());
              if (killed != null) {
                assertTrue(
                    e.getValue().copied() >= killed.copied(),
                    "range "
                        + e.getKey()
                        + " counts on from "
                        + killed.copied()
                        + ", not from zero: "
                        + e.getValue());
                if (e.getValue().copied() > killed.copied()) {
                  resumedPast.put(e.getKey(), e.getValue().copied());
                }
              }
            }
            return resumedPast.keySet().containsAll(atKill.keySet());
          });
      System.out.println("[ranges] resumed: " + resumedPast);

      DeploymentStatus waiting =
          LocalStackFixture.await(
              wf, Duration.ofMinutes(6), s -> s.phase() == Phase.AWAITING_APPROVAL);
      E2e.assertGreenIdentical(fx, blue, waiting);
      CollectionProgress large =
          waiting.collections().stream()
              .filter(c -> c.name().equals(LARGE))
              .findFirst()
              .orElseThrow();
      assertEquals(3L * PER_TYPE, large.copied(), "the ranges add up to the collection");
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
