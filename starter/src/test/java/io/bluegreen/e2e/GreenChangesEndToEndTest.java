package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.starter.GreenChangesView;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.model.CarryBackReport;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
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
 * Green's changes at a rollback, on the real local stack: users create a document and edit another
 * on Green while it is LIVE; the rollback restores Blue, names both in the status and the audit,
 * and waits; Blue is unchanged until an operator carries that collection back, which puts both on
 * Blue.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GreenChangesEndToEndTest {
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-green-changes"), s -> s);
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
        docs.add(new Document("_id", name + "-" + i).append("name", name + " " + i));
      }
      blue.getCollection(name).insertMany(docs);
    }
  }

  @Test
  void greensLiveChangesAreNamedAtRollbackAndCarriedBackOnlyOnDecision() throws Exception {
    MongoDatabase blue = fx.mongo.getDatabase("gc");
    MongoDatabase green = fx.mongo.getDatabase("gc_green");
    seedBlue(blue);
    DeploymentRequest request = E2e.request("gc", 1, "bluegreen:gc", 50, 2);
    String id = "bluegreen-green-changes";
    BlueGreenDeploymentWorkflow wf = fx.start(id, request);
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(new OperatorSignal("e2e", "go")).accepted());
    LocalStackFixture.awaitPhase(wf, Phase.LIVE);

    // Users work on Green while it is live: one new workflow, one edited.
    green
        .getCollection("workflows")
        .insertOne(new Document("_id", "made-on-green").append("name", "built while live"));
    green
        .getCollection("workflows")
        .updateOne(Filters.eq("_id", "workflows-4"), Updates.set("name", "edited on green"));
    List<Document> blueBefore = blue.getCollection("workflows").find().into(new ArrayList<>());

    // While LIVE, diff compares Green now.
    GreenChanges whileLive = wf.diff(new DiffRequest(true));
    assertEquals(1L, whileLive.created(), whileLive.toString());
    assertEquals(1L, whileLive.changed(), whileLive.toString());

    assertTrue(wf.rollbackDecision(new OperatorSignal("e2e", "Green misbehaves")).accepted());
    DeploymentStatus waiting =
        LocalStackFixture.await(
            wf,
            Duration.ofMinutes(2),
            s ->
                s.phase() == Phase.ROLLING_BACK
                    && s.waitingFor() != null
                    && s.waitingFor().startsWith("carryBack or finalize"));
    assertTrue(waiting.restore().blueServing(), "Blue serves before anything else");
    assertEquals(true, E2e.switchOf(fx, "gc", "blue", "startJobs"));
    GreenCollectionChanges workflows =
        waiting.greenChanges().collections().stream()
            .filter(c -> c.collection().equals("workflows"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("{\"_id\": \"made-on-green\"}"), workflows.createdIds());
    assertEquals(List.of("{\"_id\": \"workflows-4\"}"), workflows.changedIds());
    String printed = GreenChangesView.render(waiting.greenChanges());
    assertTrue(printed.contains("made-on-green") && printed.contains("workflows-4"), printed);
    // Nothing is carried back by default.
    assertEquals(blueBefore, blue.getCollection("workflows").find().into(new ArrayList<>()));
    String auditWhileWaiting =
        AuditReport.from(
                fx.client.fetchHistory(id),
                fx.client.getOptions().getDataConverter(),
                Optional.empty())
            .toMarkdown();
    assertTrue(
        auditWhileWaiting.contains("made-on-green") && auditWhileWaiting.contains("workflows-4"),
        "the audit names both while the rollback waits");

    DecisionResult carried =
        wf.carryBackDecision(
            new OperatorSignal("e2e", "keep what users built", null, null, List.of("workflows")));
    assertTrue(carried.accepted(), carried.note());
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(
        "built while live",
        blue.getCollection("workflows")
            .find(Filters.eq("_id", "made-on-green"))
            .first()
            .getString("name"));
    assertEquals(
        "edited on green",
        blue.getCollection("workflows")
            .find(Filters.eq("_id", "workflows-4"))
            .first()
            .getString("name"));
    assertEquals(21, blue.getCollection("workflows").countDocuments());
    CarryBackReport report = done.greenChanges().carriedBack().get(0);
    assertEquals(1, report.inserted());
    assertEquals(1, report.updated());
    assertEquals(0, report.conflicts());

    String audit =
        AuditReport.from(
                fx.client.fetchHistory(id),
                fx.client.getOptions().getDataConverter(),
                Optional.of(done))
            .toMarkdown();
    assertTrue(audit.contains("## Green's changes since the cutover"), audit);
    assertTrue(audit.contains("made-on-green") && audit.contains("workflows-4"), audit);
    assertTrue(audit.contains("carried back to Blue by e2e"), audit);
    assertNotNull(done.restore());
  }
}
