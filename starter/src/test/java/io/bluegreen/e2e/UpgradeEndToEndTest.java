package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * An upgrade on the real local stack (temporal dev server, the MongoDB-wire server, redis-server,
 * the worker in its own process): after the copy, Green's new release migrates its documents while
 * users keep editing Blue. The migration survives the cutover, Blue's edits, inserts, deletes and a
 * collection created after the copy reach Green, a document changed on both sides stops the cutover
 * with Blue serving until resync with a policy settles it, and with {@code greenMustBeEmpty: false}
 * no document Green held of its own is deleted.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class UpgradeEndToEndTest {
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-upgrade"), stack -> stack);
  }

  @AfterAll
  static void down() {
    if (fx != null) {
      fx.close();
    }
  }

  private static void seedBlue(MongoDatabase blue) {
    blue.getCollection("iap_profiles")
        .insertOne(
            new Document("id", "blue")
                .append("startJobs", true)
                .append("taskWorker", true)
                .append("redisProps", new Document("db", 0)));
    blue.getCollection("service_configs")
        .insertOne(
            new Document("name", "local_aaa").append("properties", new Document("db", "upgrade")));
    for (String name : List.of("workflows", "templates", "forms", "transformations")) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        docs.add(
            new Document("_id", name + "-" + i)
                .append("name", name + " " + i)
                .append("version", 1));
      }
      blue.getCollection(name).insertMany(docs);
    }
    blue.getCollection("workflows").createIndex(Indexes.ascending("name"));
    blue.getCollection("migrations")
        .insertOne(new Document("_id", "2023.1-001").append("ran", true));
  }

  @Test
  void greensMigrationSurvivesBluesChangesFollowAndAConflictWaitsForTheOperator() throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("upgrade");
    MongoDatabase green = fx.mongo.getDatabase("upgrade_green");
    seedBlue(blue);
    // Green already holds a document of its own (greenMustBeEmpty false): it must survive
    // everything.
    green
        .getCollection("workflows")
        .insertOne(new Document("_id", "green-only").append("name", "made on green"));

    DeploymentRequest request =
        new DeploymentRequest(
            "upgrade-e2e",
            new PlatformSpec("local", "upgrade", "local", 0, "blue"),
            new PlatformSpec("local", "upgrade_green", "local", 1, "green"),
            null,
            new Switches("startJobs", "taskWorker"),
            new CopyOptions(50, 4, false),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, "bluegreen:upgrade", "PT1M").withTrafficRedisDb(0),
            "PT1H");
    BlueGreenDeploymentWorkflow wf = fx.start("bluegreen-upgrade", request);
    DeploymentStatus ready = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertEquals(
        Boolean.TRUE, ready.greenMayStart(), "the status says Green may start its new release");
    assertEquals(
        1, green.getCollection("workflows").countDocuments(Filters.eq("_id", "green-only")));

    // Green's new release starts: its migration rewrites every template and records itself.
    green.getCollection("templates").updateMany(new Document(), Updates.set("schema", 2));
    green
        .getCollection("migrations")
        .insertOne(new Document("_id", "2023.2-001").append("ran", true));
    // Users go on editing Blue.
    blue.getCollection("workflows")
        .updateOne(Filters.eq("_id", "workflows-3"), Updates.set("version", 2));
    blue.getCollection("forms")
        .insertOne(new Document("_id", "forms-new").append("name", "new form"));
    blue.getCollection("transformations").deleteOne(Filters.eq("_id", "transformations-7"));
    blue.getCollection("tags").insertOne(new Document("_id", "tag-1").append("name", "prod"));
    blue.getCollection("tags").createIndex(Indexes.ascending("name"));
    // ... and one of them edits a template that Green's migration also rewrote: a conflict.
    blue.getCollection("templates")
        .updateOne(Filters.eq("_id", "templates-5"), Updates.set("version", 2));

    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "upgrade")).accepted());
    DeploymentStatus halted =
        LocalStackFixture.await(
            wf,
            Duration.ofMinutes(2),
            s ->
                s.phase() == Phase.AWAITING_APPROVAL
                    && s.conflictsTotal() != null
                    && s.conflictsTotal() > 0);
    assertEquals(1L, halted.conflictsTotal());
    assertEquals("templates", halted.conflicts().get(0).collection());
    assertTrue(
        halted.conflicts().get(0).id().contains("templates-5"), halted.conflicts().get(0).id());
    assertEquals(
        true, E2e.switchOf(fx, "upgrade", "blue", "startJobs"), "Blue goes on taking jobs");
    assertNull(trafficKey(), "traffic never moved");

    assertTrue(
        wf.resyncDecision(
                new OperatorSignal(
                    "e2e", "keep the migrated template", null, Map.of("templates", "green-wins")))
            .accepted());
    LocalStackFixture.await(
        wf,
        Duration.ofMinutes(2),
        s ->
            s.phase() == Phase.AWAITING_APPROVAL
                && s.conflictsTotal() != null
                && s.conflictsTotal() == 0);

    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "conflict settled")).accepted());
    DeploymentStatus live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);

    // The migration survived: every template rewritten, the migration record kept.
    assertEquals(20, green.getCollection("templates").countDocuments(Filters.eq("schema", 2)));
    assertNotNull(green.getCollection("migrations").find(Filters.eq("_id", "2023.2-001")).first());
    // Blue's changes followed.
    assertEquals(
        2,
        green
            .getCollection("workflows")
            .find(Filters.eq("_id", "workflows-3"))
            .first()
            .getInteger("version"));
    assertNotNull(green.getCollection("forms").find(Filters.eq("_id", "forms-new")).first());
    assertNull(
        green
            .getCollection("transformations")
            .find(Filters.eq("_id", "transformations-7"))
            .first());
    MongoCollection<Document> tags = green.getCollection("tags");
    assertEquals(
        1, tags.countDocuments(), "a collection Blue created after the copy reached Green");
    assertTrue(
        tags.listIndexes().into(new ArrayList<>()).stream()
            .anyMatch(i -> i.get("key", Document.class).containsKey("name")),
        "with its index");
    // Green's own document is still there.
    assertEquals(
        1, green.getCollection("workflows").countDocuments(Filters.eq("_id", "green-only")));
    // The status reports per collection what was carried and what was kept.
    CollectionProgress workflows =
        live.collections().stream()
            .filter(c -> c.name().equals("workflows"))
            .findFirst()
            .orElseThrow();
    assertEquals(1L, workflows.carriedUpdated());
    CollectionProgress templates =
        live.collections().stream()
            .filter(c -> c.name().equals("templates"))
            .findFirst()
            .orElseThrow();
    assertTrue(templates.greenKept() >= 19, "Green's migrated templates kept: " + templates);
    assertEquals("green", trafficKey());

    wf.finalizeDecision(new OperatorSignal("e2e", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertTrue(
        done.events().stream().anyMatch(e -> e.message().contains("baseline dropped")),
        done.events().toString());
  }

  private static String trafficKey() {
    try (Jedis r = new Jedis(URI.create(fx.stack.redisUri()))) {
      return r.get("bluegreen:upgrade");
    }
  }
}
