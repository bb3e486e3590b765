package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.BlueChangesOptions;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import io.bluegreen.workflows.model.LiveOptions;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blue's late changes on the real local stack: once the deployment is LIVE, someone edits a Blue
 * document and inserts another in Blue's old tab. With {@code live.blueChanges} {@code carry} both
 * reach Green by the second comparison after the edit and the audit names them; with {@code report}
 * Green is left alone and the status names them.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BlueLateChangesEndToEndTest {
  private static final String INTERVAL = "PT10S";
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-late"), stack -> stack);
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
    for (String name : List.of("workflows", "forms")) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        docs.add(new Document("_id", name + "-" + i).append("version", 1));
      }
      blue.getCollection(name).insertMany(docs);
    }
  }

  private static BlueGreenDeploymentWorkflow live(String database, String mode) throws Exception {
    seedBlue(fx.mongo.getDatabase(database));
    DeploymentRequest request =
        new DeploymentRequest(
                "late-" + mode,
                new PlatformSpec("local", database, "local", 0, "blue"),
                new PlatformSpec("local", database + "_green", "local", 1, "green"),
                null,
                new Switches("startJobs", "taskWorker"),
                new CopyOptions(50, 2, true),
                new ApprovalOptions("PT1H"),
                new CutoverOptions(null, "bluegreen:" + database, "PT1M").withTrafficRedisDb(0),
                "PT1H")
            .withLive(new LiveOptions(new BlueChangesOptions(mode, INTERVAL, null)));
    BlueGreenDeploymentWorkflow wf = fx.start("bluegreen-" + database, request);
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "late changes")).accepted());
    LocalStackFixture.await(
        wf, Duration.ofMinutes(2), s -> s.phase() == Phase.LIVE && s.liveChanges() != null);
    return wf;
  }

  /** Someone in Blue's old tab: an edit and an insert after the deployment went LIVE. */
  private static void editBlue(MongoDatabase blue) {
    blue.getCollection("workflows")
        .updateOne(Filters.eq("_id", "workflows-3"), Updates.set("version", 7));
    blue.getCollection("forms").insertOne(new Document("_id", "forms-late").append("version", 1));
  }

  private static Optional<LiveCollectionChanges> collection(DeploymentStatus s, String name) {
    return s.liveChanges().collections().stream()
        .filter(c -> c.collection().equals(name))
        .findFirst();
  }

  private static boolean named(DeploymentStatus s, String collection, String id, String outcome) {
    return collection(s, collection)
        .map(
            c ->
                c.changes().stream()
                    .anyMatch(x -> x.id().contains(id) && x.outcome().equals(outcome)))
        .orElse(false);
  }

  @Test
  void bluesEditAndInsertWhileLiveAreCarriedWithinTwoIntervalsAndNamedInTheAudit()
      throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("late");
    MongoDatabase green = fx.mongo.getDatabase("late_green");
    BlueGreenDeploymentWorkflow wf = live("late", "carry");
    int before = wf.status().liveChanges().passes();
    editBlue(blue);

    DeploymentStatus carried =
        LocalStackFixture.await(
            wf,
            Duration.ofMinutes(2),
            s ->
                (named(s, "workflows", "workflows-3", LiveChange.CARRIED)
                        && named(s, "forms", "forms-late", LiveChange.CARRIED))
                    || s.liveChanges().passes() >= before + 2);
    assertTrue(
        carried.liveChanges().passes() <= before + 2,
        "carried by the second comparison after the edit: " + carried.liveChanges());
    assertTrue(named(carried, "workflows", "workflows-3", LiveChange.CARRIED), carried.toString());
    assertTrue(named(carried, "forms", "forms-late", LiveChange.CARRIED), carried.toString());
    assertEquals(
        7,
        green
            .getCollection("workflows")
            .find(Filters.eq("_id", "workflows-3"))
            .first()
            .getInteger("version"));
    assertEquals(1, green.getCollection("forms").countDocuments(Filters.eq("_id", "forms-late")));
    assertTrue(
        carried.events().stream()
            .anyMatch(
                e ->
                    e.message()
                        .contains(
                            "Blue's forms _id {\"_id\": \"forms-late\"} inserted after the final pass: carried to Green")),
        carried.events().toString());

    wf.finalizeDecision(new OperatorSignal("e2e", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals(1, collection(done, "forms").orElseThrow().inserted());
    assertEquals(1, collection(done, "workflows").orElseThrow().updated());

    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    AuditReport audit =
        AuditReport.from(
            fx.client.fetchHistory(id),
            fx.client.getOptions().getDataConverter(),
            Optional.of(done));
    String md = audit.toMarkdown();
    assertTrue(md.contains("## Blue's changes after the final pass"), md);
    assertTrue(md.contains("_id {\"_id\": \"forms-late\"} Blue inserted: carried"), md);
    assertTrue(md.contains("_id {\"_id\": \"workflows-3\"} Blue updated: carried"), md);
    assertTrue(
        audit.timeline().stream()
            .anyMatch(
                e ->
                    e.summary() != null
                        && e.summary().contains("forms 1 inserted")
                        && e.summary().contains("\"forms-late\"} Blue inserted: carried")),
        "the comparison that carried it is in the timeline: " + audit.timeline());
    String html = audit.toHtml();
    assertTrue(
        html.contains("forms-late") && html.contains("Blue inserted: carried"),
        "the HTML audit names it too");
  }

  @Test
  void withReportBluesChangesAreNamedInStatusAndGreenIsLeftAlone() throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("latereport");
    MongoDatabase green = fx.mongo.getDatabase("latereport_green");
    BlueGreenDeploymentWorkflow wf = live("latereport", "report");
    int before = wf.status().liveChanges().passes();
    editBlue(blue);

    DeploymentStatus reported =
        LocalStackFixture.await(
            wf,
            Duration.ofMinutes(2),
            s ->
                (named(s, "workflows", "workflows-3", LiveChange.REPORTED)
                        && named(s, "forms", "forms-late", LiveChange.REPORTED))
                    || s.liveChanges().passes() >= before + 2);
    assertTrue(
        reported.liveChanges().passes() <= before + 2,
        "named by the second comparison after the edit: " + reported.liveChanges());
    assertTrue(named(reported, "forms", "forms-late", LiveChange.REPORTED), reported.toString());
    assertTrue(
        named(reported, "workflows", "workflows-3", LiveChange.REPORTED), reported.toString());
    assertEquals(1, collection(reported, "forms").orElseThrow().reported());
    assertNull(green.getCollection("forms").find(Filters.eq("_id", "forms-late")).first());
    assertEquals(
        1,
        green
            .getCollection("workflows")
            .find(Filters.eq("_id", "workflows-3"))
            .first()
            .getInteger("version"),
        "report writes nothing to Green");

    wf.finalizeDecision(new OperatorSignal("e2e", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertNull(green.getCollection("forms").find(Filters.eq("_id", "forms-late")).first());
  }
}
