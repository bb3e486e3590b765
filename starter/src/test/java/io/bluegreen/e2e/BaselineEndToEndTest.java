package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.SyncOptions;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * The baseline on the real local stack: it is what bluegreen wrote, so Blue's changes made right
 * after a collection's copy (while a slower one still copies) follow to Green with no conflict; and
 * it is one per run, so a second deployment under the same workflow ID, after the first kept its
 * baseline, reports the old one at PREFLIGHT and never reads it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BaselineEndToEndTest {
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-baseline"), stack -> stack);
  }

  @AfterAll
  static void down() {
    if (fx != null) {
      fx.close();
    }
  }

  private static void seedBlue(MongoDatabase blue, String collection, int documents) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      docs.add(
          new Document("_id", collection + "-" + i)
              .append("name", collection + " " + i)
              .append("version", 1));
    }
    blue.getCollection(collection).insertMany(docs);
  }

  private static void seedProfile(MongoDatabase blue) {
    blue.getCollection("iap_profiles")
        .insertOne(
            new Document("id", "blue")
                .append("startJobs", true)
                .append("taskWorker", true)
                .append("redisProps", new Document("db", 0)));
  }

  private static DeploymentRequest request(
      String blueDb,
      int greenRedisDb,
      String trafficKey,
      int documentsPerSecond,
      SyncOptions sync) {
    return new DeploymentRequest(
            blueDb + "-upgrade",
            new PlatformSpec("local", blueDb, "local", 0, "blue"),
            new PlatformSpec("local", blueDb + "_green", "local", greenRedisDb, "green"),
            null,
            E2e.SWITCHES,
            new CopyOptions(50, 4, true, documentsPerSecond),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, trafficKey, "PT1M").withTrafficRedisDb(0),
            "PT1H")
        .withSync(sync);
  }

  private static boolean hasEvent(DeploymentStatus s, String text) {
    return s.events().stream().map(DeploymentEvent::message).anyMatch(m -> m.contains(text));
  }

  @Test
  void bluesChangesRightAfterACollectionsCopyFollowToGreenWithNoConflict() throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("early");
    MongoDatabase green = fx.mongo.getDatabase("early_green");
    seedProfile(blue);
    seedBlue(blue, "forms", 20);
    seedBlue(blue, "workflows", 400); // the slow one: 400 documents at 40 a second

    BlueGreenDeploymentWorkflow wf =
        fx.start("bluegreen-early", request("early", 2, "bluegreen:early", 40, null));
    // Right after forms is copied, while workflows still copies: a user deletes one form and edits
    // another.
    LocalStackFixture.await(wf, Duration.ofMinutes(2), s -> hasEvent(s, "copied forms:"));
    assertEquals(Phase.COPYING, wf.status().phase(), "workflows is still copying");
    blue.getCollection("forms").deleteOne(Filters.eq("_id", "forms-3"));
    blue.getCollection("forms").updateOne(Filters.eq("_id", "forms-4"), Updates.set("version", 2));

    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "go")).accepted());
    DeploymentStatus live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);

    assertNull(
        green.getCollection("forms").find(Filters.eq("_id", "forms-3")).first(),
        "the deleted form does not come back");
    assertEquals(
        2,
        green
            .getCollection("forms")
            .find(Filters.eq("_id", "forms-4"))
            .first()
            .getInteger("version"),
        "the edit followed");
    assertEquals(19, green.getCollection("forms").countDocuments());
    assertEquals(
        0L,
        live.conflictsTotal() == null ? 0L : live.conflictsTotal(),
        "nothing halted as a conflict");
    assertFalse(hasEvent(live, "conflict in"), live.events().toString());
    assertFalse(
        hasEvent(live, "of its own, kept"),
        "Blue's deleted form is never called Green's own: " + live.events());

    wf.finalizeDecision(new OperatorSignal("e2e", "done"));
    assertEquals(
        Phase.COMPLETED,
        WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class).phase());
  }

  @Test
  void aSecondDeploymentUnderTheSameWorkflowIdNeverReadsTheBaselineTheFirstKept() throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("again");
    MongoDatabase green = fx.mongo.getDatabase("again_green");
    seedProfile(blue);
    seedBlue(blue, "forms", 20);
    String workflowId = "bluegreen-again";

    BlueGreenDeploymentWorkflow first =
        fx.start(
            workflowId,
            request("again", 3, "bluegreen:again", 0, new SyncOptions(null, null, true)));
    LocalStackFixture.awaitPhase(first, Phase.AWAITING_APPROVAL);
    first.approveCutoverDecision(new OperatorSignal("e2e", "first"));
    LocalStackFixture.awaitPhase(first, Phase.LIVE);
    first.finalizeDecision(new OperatorSignal("e2e", "done"));
    DeploymentStatus firstDone =
        WorkflowStub.fromTyped(first).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, firstDone.phase());
    assertTrue(hasEvent(firstDone, "baseline kept"), firstDone.events().toString());

    // Later: Blue serves again and a user edits a form; the operator prepares an empty Green again.
    blue.getCollection("iap_profiles")
        .updateOne(
            Filters.eq("id", "blue"),
            Updates.combine(Updates.set("startJobs", true), Updates.set("taskWorker", true)));
    blue.getCollection("forms").updateOne(Filters.eq("_id", "forms-5"), Updates.set("version", 2));
    green.drop();
    try (Jedis r = new Jedis(URI.create(fx.stack.redisUri()))) {
      r.select(3);
      r.flushDB();
    }

    // Without the request's word, PREFLIGHT refuses the old baseline and says how to drop it.
    BlueGreenDeploymentWorkflow refused =
        fx.start(workflowId, request("again", 3, "bluegreen:again", 0, null));
    DeploymentStatus failed = LocalStackFixture.awaitPhase(refused, Phase.FAILED);
    assertTrue(
        failed.error().contains("left by another deployment run")
            && failed.error().contains("sync.dropStaleBaselines"),
        failed.error());
    assertTrue(
        failed.error().contains(workflowId + "@"), "it names the old run: " + failed.error());
    green.drop();

    BlueGreenDeploymentWorkflow second =
        fx.start(
            workflowId,
            request("again", 3, "bluegreen:again", 0, new SyncOptions(null, null, null, true)));
    DeploymentStatus ready = LocalStackFixture.awaitPhase(second, Phase.AWAITING_APPROVAL);
    assertTrue(
        hasEvent(
            ready,
            "dropped the baseline another run left for Green's database (" + workflowId + "@"),
        "PREFLIGHT reported the old baseline: " + ready.events());
    // Blue's latest edit, after this run's baseline, of the same form.
    blue.getCollection("forms").updateOne(Filters.eq("_id", "forms-5"), Updates.set("version", 3));

    assertTrue(second.approveCutoverDecision(new OperatorSignal("e2e", "second")).accepted());
    DeploymentStatus live = LocalStackFixture.awaitPhase(second, Phase.LIVE);
    assertEquals(
        3,
        green
            .getCollection("forms")
            .find(Filters.eq("_id", "forms-5"))
            .first()
            .getInteger("version"),
        "Blue's latest edit is on Green");
    assertEquals(
        0L,
        live.conflictsTotal() == null ? 0L : live.conflictsTotal(),
        "no false conflict: " + live.conflicts());
    assertNotNull(live);
    second.finalizeDecision(new OperatorSignal("e2e", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(second).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    List<String> left = new ArrayList<>();
    for (String n : fx.mongo.getDatabase("bluegreen_state").listCollectionNames()) {
      if (n.startsWith(workflowId)) {
        left.add(n);
      }
    }
    assertEquals(List.of(), left, "no baseline of either run is left");
  }
}
