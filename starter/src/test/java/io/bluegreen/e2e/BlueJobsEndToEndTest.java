package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.BlueJobsReport;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 end to end on the local stack: Blue's paused and errored jobs are named in the status
 * and the audit at the cutover, and with {@code cutover.blueJobs: cancel} they are cancelled
 * through Blue's (simulated) Itential API, at most 100 ids a call; Blue's running jobs drain first.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BlueJobsEndToEndTest {
  private static final String BLUE_TOKEN = "blue-jobs-token-41d2";
  private static final String GREEN_TOKEN = "green-jobs-token-9a07";
  private static SimulatedItentialApi blueApi;
  private static SimulatedItentialApi greenApi;
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    blueApi = SimulatedItentialApi.withToken(BLUE_TOKEN);
    greenApi = SimulatedItentialApi.withToken(GREEN_TOKEN);
    greenApi.setWorkers(false, false);
    fx =
        LocalStackFixture.withApis(
            "bluegreen-jobs",
            Map.of(
                "blue-api",
                Map.of("url", blueApi.baseUrl().toString(), "token", "${BLUE_API_TOKEN}"),
                "green-api",
                Map.of("url", greenApi.baseUrl().toString(), "token", "${GREEN_API_TOKEN}")),
            Map.of("BLUE_API_TOKEN", BLUE_TOKEN, "GREEN_API_TOKEN", GREEN_TOKEN));
  }

  @AfterAll
  static void down() {
    if (fx != null) {
      fx.close();
    }
    blueApi.close();
    greenApi.close();
  }

  @Test
  void pausedAndErroredJobsAreNamedAtTheCutoverAndCancelledThroughBluesApi() throws Exception {
    blueApi.setWorkers(true, true);
    greenApi.setWorkers(false, false);
    new DemoPlatform(200, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential", "itential_green");
    MongoCollection<Document> jobs = fx.mongo.getDatabase("itential").getCollection("jobs");
    jobs.insertMany(
        List.of(
            new Document("_id", "job-paused-1").append("status", "paused").append("name", "p1"),
            new Document("_id", "job-paused-2").append("status", "paused").append("name", "p2"),
            new Document("_id", "job-error-1").append("status", "error").append("name", "e1")));
    blueApi.jobsIn(jobs);
    DeploymentRequest request =
        new DeploymentRequest(
            "blue-jobs",
            new PlatformSpec("local", "itential", "local", 0, "blue")
                .withApiAndHealth("blue-api", null),
            new PlatformSpec("local", "itential_green", "local", 1, "green")
                .withApiAndHealth("green-api", null),
            null,
            null,
            new CopyOptions(100, 4, true),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, "bluegreen:jobs", "PT2M")
                .withTrafficRedisDb(0)
                .withBlueJobs(BlueJobsPolicy.CANCEL, null),
            "PT1H");
    String id = "bluegreen-jobs-itential";
    BlueGreenDeploymentWorkflow wf = fx.start(id, request);
    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(
        waiting.events().stream()
            .anyMatch(
                e ->
                    e.message().contains("preflight: Blue has")
                        && e.message().contains("error 1")
                        && e.message().contains("paused 2")),
        "PREFLIGHT counts Blue's unfinished jobs by status: " + waiting.events());

    DeploymentStatus live;
    // Blue's running jobs finish once its job worker is off; the paused and errored ones never do.
    try (BlueJobsSimulator running =
        new BlueJobsSimulator(fx.mongo, "itential", blueApi::jobWorker, Duration.ofMillis(100))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e", "Green checked"));
      live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }

    BlueJobsReport report = live.blueJobs();
    assertNotNull(report, "the status names Blue's jobs at the cutover");
    assertEquals(3, report.jobs().total(), "the paused and errored jobs, the running ones drained");
    assertEquals(Map.of("error", 1L, "paused", 2L), report.jobs().byStatus());
    assertEquals(3L, report.cancelled());
    assertEquals(List.of("job-error-1", "job-paused-1", "job-paused-2"), report.cancelledIds());
    assertTrue(
        live.events().stream().anyMatch(e -> e.message().startsWith("cancelled 3 of Blue's jobs")),
        live.events().toString());
    assertEquals(
        List.of(List.of("job-error-1", "job-paused-1", "job-paused-2")),
        blueApi.cancelCalls(),
        "one call through Blue's API with the three ids");
    assertEquals(
        3, jobs.countDocuments(new Document("status", "canceled")), "Blue marked them canceled");
    assertEquals(0, jobs.countDocuments(new Document("status", "running")));
    assertFalse(blueApi.taskWorker(), "the fence: Blue's task worker is off");
    assertTrue(greenApi.jobWorker() && greenApi.taskWorker(), "Green took over");

    String audit =
        AuditReport.from(
                fx.client.fetchHistory(id),
                fx.client.getOptions().getDataConverter(),
                Optional.of(live))
            .toMarkdown();
    assertTrue(audit.contains("## Blue's jobs at the cutover"), "the audit has the section");
    for (String named :
        List.of("job-paused-1 (paused)", "job-paused-2 (paused)", "job-error-1 (error)")) {
      assertTrue(audit.contains(named), "the audit names " + named);
    }
    assertTrue(audit.contains("cancelled 3 jobs through Blue's Itential API in 1 calls"), audit);
    wf.finalizeDeployment(new OperatorSignal("e2e", "done"));
    assertEquals(Phase.COMPLETED, LocalStackFixture.awaitPhase(wf, Phase.COMPLETED).phase());
  }

  @Test
  void withOverlapDrainALongRunningBlueJobDoesNotDelayGreenTakingJobs() throws Exception {
    blueApi.setWorkers(true, true);
    greenApi.setWorkers(false, false);
    new DemoPlatform(200, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential_ov", "itential_ov_green");
    MongoCollection<Document> jobs = fx.mongo.getDatabase("itential_ov").getCollection("jobs");
    // One long job: it runs until this test lets it finish, whatever the switches do.
    jobs.updateMany(
        new Document("status", "running"),
        new Document("$set", new Document("status", "complete")));
    jobs.insertOne(new Document("_id", "job-long").append("status", "running"));
    DeploymentRequest request =
        new DeploymentRequest(
            "overlap",
            new PlatformSpec("local", "itential_ov", "local", 0, "blue")
                .withApiAndHealth("blue-api", null),
            new PlatformSpec("local", "itential_ov_green", "local", 1, "green")
                .withApiAndHealth("green-api", null),
            null,
            null,
            new CopyOptions(100, 4, true),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, "bluegreen:overlap", "PT10M")
                .withTrafficRedisDb(0)
                .withBlueJobs(null, true),
            "PT1H");
    BlueGreenDeploymentWorkflow wf = fx.start("bluegreen-overlap-itential", request);
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutover(new OperatorSignal("e2e", "overlap"));

    DeploymentStatus overlapping =
        LocalStackFixture.await(
            wf,
            Duration.ofMinutes(3),
            s -> s.waitingFor() != null && s.waitingFor().contains("while Green takes new jobs"));
    assertTrue(greenApi.jobWorker() && greenApi.taskWorker(), "Green takes jobs already");
    assertFalse(blueApi.jobWorker(), "Blue starts no new jobs");
    assertTrue(blueApi.taskWorker(), "Blue's task worker stays on for its running job");
    assertEquals(1, jobs.countDocuments(new Document("status", "running")), "job-long still runs");
    assertEquals(Phase.CUTTING_OVER, overlapping.phase());

    // The long job changes a resource document on Blue after the final pass, then ends.
    MongoCollection<Document> blueWorkflows =
        fx.mongo.getDatabase("itential_ov").getCollection("workflows");
    Object edited = blueWorkflows.find().first().get("_id");
    blueWorkflows.updateOne(
        new Document("_id", edited),
        new Document("$set", new Document("description", "changed by job-long while it drained")));
    jobs.updateOne(
        new Document("_id", "job-long"), new Document("$set", new Document("status", "complete")));
    DeploymentStatus live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    assertFalse(blueApi.taskWorker(), "drained: Blue's task worker off");
    assertTrue(
        live.events().stream()
            .anyMatch(e -> e.message().startsWith("Blue drained while Green took jobs")),
        live.events().toString());
    wf.finalizeDeployment(new OperatorSignal("e2e", "done"));
    DeploymentStatus done = LocalStackFixture.awaitPhase(wf, Phase.COMPLETED);
    // Blue's late changes are carried (live.blueChanges: carry, the default): at the latest by the
    // last comparison when the deployment completes.
    Document onGreen =
        fx.mongo
            .getDatabase("itential_ov_green")
            .getCollection("workflows")
            .find(new Document("_id", edited))
            .first();
    assertEquals(
        "changed by job-long while it drained",
        onGreen.getString("description"),
        done.liveChanges() + " " + done.events());
    assertTrue(
        done.liveChanges().collections().stream()
            .anyMatch(c -> c.collection().equals("workflows") && c.carried() >= 1),
        done.liveChanges().toString());
  }
}
