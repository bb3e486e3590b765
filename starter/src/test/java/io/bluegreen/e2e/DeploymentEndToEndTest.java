package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.bluegreen.workflows.model.Colour;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * Whole deployments on the real local stack: the worker runs in its own process against the
 * temporal dev server, the MongoDB-wire server and Redis, exactly as `./bluegreen demo` runs it.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class DeploymentEndToEndTest {
  /** The stack of the test running now; the main test runs once per MongoDB backend. */
  private static LocalStackFixture fx;

  private static final Map<MongoBackend, LocalStackFixture> stacks =
      new EnumMap<>(MongoBackend.class);

  @BeforeAll
  static void upStack() throws Exception {
    fx = stackOn(MongoBackend.EMULATOR);
  }

  /** One stack per backend, started on first use: the emulator's serves the other tests too. */
  private static LocalStackFixture stackOn(MongoBackend backend) throws Exception {
    LocalStackFixture stack = stacks.get(backend);
    if (stack == null) {
      stack =
          new LocalStackFixture(
              LocalStackFixture.tempDir("bluegreen-e2e-" + backend.label()), backend);
      stacks.put(backend, stack);
    }
    return stack;
  }

  @AfterAll
  static void downStack() {
    stacks.values().forEach(LocalStackFixture::close);
    stacks.clear();
  }

  private static final int TRAFFIC_DB = 4;

  private static DeploymentRequest request(
      String blueDb, String greenDb, int greenRedisDb, String trafficKey) {
    return new DeploymentRequest(
        blueDb + "-upgrade",
        new PlatformSpec("local", blueDb, "local", 0, "blue"),
        new PlatformSpec("local", greenDb, "local", greenRedisDb, "green"),
        null,
        E2e.SWITCHES,
        new CopyOptions(50, 3, true),
        new ApprovalOptions("PT1H"),
        // The traffic key in a Redis db of its own, out of Blue's (db 0) and Green's.
        new CutoverOptions(null, trafficKey, "PT2M").withTrafficRedisDb(TRAFFIC_DB),
        "PT1H");
  }

  private Map<String, String> digests(String db) throws Exception {
    Map<String, String> d = new LinkedHashMap<>();
    for (String c : fx.collections(db)) {
      d.put(c, fx.digest(db, c));
    }
    return d;
  }

  private Document profile(String db, String id) {
    return fx.mongo
        .getDatabase(db)
        .getCollection("iap_profiles")
        .find(Filters.eq("id", id))
        .first();
  }

  private Jedis redis(int db) {
    Jedis j = new Jedis(URI.create(fx.stack.redisUri()));
    j.select(db);
    return j;
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(MongoBackend.class)
  void approvedDeploymentMakesGreenIdenticalAndRollbackRestoresBlue(MongoBackend backend)
      throws Exception {
    fx = stackOn(backend);
    try {
      approvedDeploymentMakesGreenIdenticalAndRollbackRestoresBlue();
    } finally {
      if (backend != MongoBackend.EMULATOR) {
        stacks.remove(backend).close(); // two stacks at once only as long as needed
      }
      fx = stackOn(MongoBackend.EMULATOR);
    }
  }

  private void approvedDeploymentMakesGreenIdenticalAndRollbackRestoresBlue() throws Exception {
    DemoPlatform demo = new DemoPlatform(600, "127.0.0.1", fx.stack.ports().redis());
    if (fx.stack.mongoBackend() == MongoBackend.FERRETDB) {
      demo.withoutDollarFieldNames();
    }
    demo.seed(fx.mongo, "itential", "itential_green");
    try (Jedis r = redis(1)) {
      r.flushDB();
    }
    Map<String, String> blueBefore = digests("itential");

    BlueGreenDeploymentWorkflow wf =
        fx.start("bluegreen-itential", request("itential", "itential_green", 1, "bluegreen:e2e"));
    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);

    // Every resource collection (native, custom, migrations) is identical; runtime data stayed
    // behind.
    List<String> copied = new ArrayList<>();
    for (CollectionProgress c : waiting.collections()) {
      assertEquals(Boolean.TRUE, c.match(), c.name());
      assertEquals(c.documents(), c.copied(), c.name());
      assertEquals(
          blueBefore.get(c.name()),
          fx.digest("itential_green", c.name()),
          "Green differs in " + c.name());
      copied.add(c.name());
    }
    assertTrue(copied.containsAll(DemoPlatform.RESOURCE_WEIGHTS.keySet()), "copied " + copied);
    assertTrue(copied.contains(DemoPlatform.MIGRATIONS), "migrations are always copied");
    List<String> green = fx.collections("itential_green");
    assertFalse(
        green.contains("jobs") || green.contains("tasks"),
        "runtime data must not be copied: " + green);
    assertEquals(
        DemoPlatform.SERVICE_CONFIGS,
        fx.mongo.getDatabase("itential_green").getCollection("service_configs").countDocuments());

    Document greenProfile = profile("itential_green", "green");
    assertNotNull(greenProfile, "Green's iap_profiles document");
    assertEquals(false, greenProfile.getBoolean("startJobs"));
    assertEquals(false, greenProfile.getBoolean("taskWorker"));
    assertEquals(1, ((Document) greenProfile.get("redisProps")).getInteger("db"));
    assertEquals(blueBefore, digests("itential"), "Blue must not be written before cutover");

    // Users go on editing Blue: the cutover's three-way sync carries an edit, an insert and a
    // delete to Green (on FerretDB too, which implements no collations).
    MongoCollection<Document> blueWorkflows =
        fx.mongo.getDatabase("itential").getCollection("workflows");
    Object edited = blueWorkflows.find().first().get("_id");
    blueWorkflows.updateOne(
        Filters.eq("_id", edited),
        new Document("$set", new Document("description", "edited on Blue")));
    blueWorkflows.insertOne(
        new Document("_id", "added-on-blue").append("name", "added after the copy"));
    MongoCollection<Document> blueForms = fx.mongo.getDatabase("itential").getCollection("forms");
    Object deleted = blueForms.find().first().get("_id");
    blueForms.deleteOne(Filters.eq("_id", deleted));
    blueBefore.clear();
    blueBefore.putAll(digests("itential"));

    long running =
        fx.mongo
            .getDatabase("itential")
            .getCollection("jobs")
            .countDocuments(Filters.eq("status", "running"));
    assertTrue(running > 0, "the sample Blue has running jobs for the drain to wait for");
    DeploymentStatus live;
    try (BlueJobsSimulator blueJobs =
        new BlueJobsSimulator(fx.mongo, "itential", "blue", "startJobs", Duration.ofMillis(300))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e", "verified"));
      live = LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }
    assertEquals(
        0,
        fx.mongo
            .getDatabase("itential")
            .getCollection("jobs")
            .countDocuments(Filters.eq("status", "running")),
        "Green went live only after Blue's running jobs finished");
    blueBefore.put("jobs", fx.digest("itential", "jobs")); // the platform itself finished its jobs
    assertEquals(Colour.GREEN, live.activeColour());
    assertEquals(false, profile("itential", "blue").getBoolean("startJobs"));
    assertEquals(false, profile("itential", "blue").getBoolean("taskWorker"));
    assertEquals(true, profile("itential_green", "green").getBoolean("startJobs"));
    assertEquals(true, profile("itential_green", "green").getBoolean("taskWorker"));
    try (Jedis r = redis(TRAFFIC_DB);
        Jedis blueDb = redis(0)) {
      assertEquals("green", r.get("bluegreen:e2e"));
      assertEquals("itential-upgrade", r.get("bluegreen:e2e:deployment"));
      assertNull(blueDb.get("bluegreen:e2e"), "the traffic key is not in Blue's own Redis db");
    }
    Map<String, String> blueAfter = digests("itential");
    blueAfter.remove("iap_profiles");
    Map<String, String> blueExpected = new LinkedHashMap<>(blueBefore);
    blueExpected.remove("iap_profiles");
    assertEquals(blueExpected, blueAfter, "only Blue's two switches may change");
    MongoDatabase greenDb = fx.mongo.getDatabase("itential_green");
    assertEquals(
        "edited on Blue",
        greenDb
            .getCollection("workflows")
            .find(Filters.eq("_id", edited))
            .first()
            .getString("description"));
    assertNotNull(
        greenDb.getCollection("workflows").find(Filters.eq("_id", "added-on-blue")).first());
    assertNull(greenDb.getCollection("forms").find(Filters.eq("_id", deleted)).first());

    wf.rollback(new OperatorSignal("e2e", "Green misbehaves"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(30, TimeUnit.SECONDS, DeploymentStatus.class);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(true, profile("itential", "blue").getBoolean("startJobs"));
    assertEquals(true, profile("itential", "blue").getBoolean("taskWorker"));
    assertEquals(false, profile("itential_green", "green").getBoolean("startJobs"));
    assertEquals(false, profile("itential_green", "green").getBoolean("taskWorker"));
    try (Jedis r = redis(TRAFFIC_DB)) {
      assertEquals("blue", r.get("bluegreen:e2e"));
    }
  }

  @Test
  void preflightRefusesAGreenHoldingDataAndWritesNothing() throws Exception {
    new DemoPlatform(100, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential_pf", "itential_pf_green");
    fx.mongo
        .getDatabase("itential_pf_green")
        .getCollection("workflows")
        .insertOne(new Document("name", "left over"));
    Map<String, String> blueBefore = digests("itential_pf");
    Map<String, String> greenBefore = digests("itential_pf_green");

    BlueGreenDeploymentWorkflow wf =
        fx.start(
            "bluegreen-itential_pf",
            request("itential_pf", "itential_pf_green", 3, "bluegreen:pf"));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, DeploymentStatus.class));
    String message = assertInstanceOf(ApplicationFailure.class, e.getCause()).getOriginalMessage();
    assertTrue(message.contains("workflows"), message);
    assertEquals(blueBefore, digests("itential_pf"), "Blue unchanged");
    assertEquals(
        greenBefore, digests("itential_pf_green"), "Green unchanged: preflight writes nothing");
    assertEquals(Phase.FAILED, wf.status().phase());
  }

  /**
   * The Go `temporal` CLI stands in for any other-language client: names and JSON are the whole
   * contract.
   */
  @Test
  void clientInAnotherLanguageStartsSignalsAndQueriesByName() throws Exception {
    new DemoPlatform(100, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential_cli", "itential_cli_green");
    try (Jedis r = redis(2)) {
      r.flushDB();
    }
    String id = "bluegreen-itential_cli";
    String request =
        "{\"blue\": {\"mongo\": \"local\", \"database\": \"itential_cli\", \"redis\": \"local\", \"redisDb\": 0, \"profile\": \"blue\"},"
            + " \"green\": {\"mongo\": \"local\", \"database\": \"itential_cli_green\", \"redis\": \"local\", \"redisDb\": 2, \"profile\": \"green\"},"
            + " \"switches\": {\"startJobs\": \"startJobs\", \"taskWorker\": \"taskWorker\"},"
            + " \"cutover\": {\"trafficKey\": \"bluegreen:cli\", \"trafficRedisDb\": 0}}";
    temporal(
        "workflow",
        "start",
        "--type",
        "BlueGreenDeployment",
        "--task-queue",
        "blue-green",
        "--workflow-id",
        id,
        "--input",
        request);
    awaitQuery(id, "\"AWAITING_APPROVAL\"");
    try (BlueJobsSimulator blueJobs =
        new BlueJobsSimulator(fx.mongo, "itential_cli", "blue", "startJobs", Duration.ofMillis(200))
            .start()) {
      temporal(
          "workflow",
          "signal",
          "--workflow-id",
          id,
          "--name",
          "approveCutover",
          "--input",
          "{\"by\": \"go-client\", \"reason\": \"looks good\"}");
      awaitQuery(id, "\"LIVE\"");
    }
    temporal(
        "workflow",
        "signal",
        "--workflow-id",
        id,
        "--name",
        "finalize",
        "--input",
        "{\"by\": \"go-client\", \"reason\": \"done\"}");
    DeploymentStatus done =
        fx.client
            .newUntypedWorkflowStub(id)
            .getResult(30, TimeUnit.SECONDS, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals("go-client", done.approvals().get(0).by());
    assertEquals(id, done.deployment(), "deployment name defaults to the workflow id");
  }

  private void awaitQuery(String id, String expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    String out = "";
    while (System.nanoTime() < deadline) {
      out =
          temporal(
              "workflow", "query", "--workflow-id", id, "--type", "status", "--output", "json");
      if (out.contains("\"phase\": " + expected) || out.contains("\"phase\":" + expected)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("status never showed " + expected + ": " + out);
  }

  private String temporal(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(temporalBinary());
    command.addAll(List.of(args));
    command.add("--address");
    command.add(fx.stack.temporalAddress());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", args) + " failed: " + text);
    return text;
  }

  private static String temporalBinary() {
    Path tools = DevStack.defaultHome().resolve(".tools/bin/temporal");
    if (Files.isExecutable(tools)) {
      return tools.toString();
    }
    return "temporal";
  }
}
