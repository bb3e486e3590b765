package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.bluegreen.workflows.model.Colour;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Bad requests and unsafe situations are refused before anything is written, out-of-phase signals
 * change nothing, a second deployment of a running Blue is refused, and the Redis password the
 * worker holds appears nowhere an operator can read. One stack whose Redis requires a password (so
 * every case here also runs with credentials in the worker's configuration).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RefusalAndSecretsTest {
  /** Test-only credentials; the assertions below look for them everywhere. */
  private static final String PASSWORD = "S3cr3t-bluegreen-test-pw";

  private static final String WRONG_PASSWORD = "Wr0ng-bluegreen-test-pw";
  private static final String BLUE = "refuse";
  private static final String GREEN = "refuse_green";
  private static final int GREEN_REDIS_DB = 5;

  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-refuse"), false);
    try (Jedis r = new Jedis(URI.create(fx.stack.redisUri()))) {
      r.configSet("requirepass", PASSWORD);
    }
    int redisPort = fx.stack.ports().redis();
    // The password reaches the worker through its environment, as the README tells operators to
    // do; "badpass" is a second connection to the same server with the wrong one; "local2" is the
    // same MongoDB under another name, which preflight must see through.
    String config =
        "{\"mongo\": {\"local\": {\"uri\": \""
            + fx.stack.mongoUri()
            + "\"},"
            + " \"local2\": {\"uri\": \""
            + fx.stack.mongoUri()
            + (fx.stack.mongoUri().contains("?") ? "&" : "/?")
            + "appName=other\"}},"
            + " \"redis\": {\"local\": {\"uri\": \"redis://:${BG_TEST_REDIS_PASSWORD}@127.0.0.1:"
            + redisPort
            + "\"},"
            + " \"badpass\": {\"uri\": \"redis://:"
            + WRONG_PASSWORD
            + "@127.0.0.1:"
            + redisPort
            + "\"}}}";
    Path file = fx.stack.stateDir().resolve("worker-with-password.json");
    Files.writeString(file, config);
    fx.stack
        .withWorkerConfig(file)
        .withWorkerEnv(Map.of("BG_TEST_REDIS_PASSWORD", PASSWORD))
        .startWorker();
    new DemoPlatform(300, "127.0.0.1", redisPort).seed(fx.mongo, BLUE, GREEN);
    assertTrue(E2e.digests(fx, BLUE).containsKey("iap_profiles"));
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  private static Jedis redis(int db) {
    Jedis j = new Jedis(URI.create(fx.stack.redisUri()));
    j.auth(PASSWORD);
    j.select(db);
    return j;
  }

  private static PlatformSpec blue() {
    return new PlatformSpec("local", BLUE, "local", 0, "blue");
  }

  private static PlatformSpec green() {
    return new PlatformSpec("local", GREEN, "local", GREEN_REDIS_DB, "green");
  }

  private static DeploymentRequest base(PlatformSpec blue, PlatformSpec green) {
    return new DeploymentRequest(
        "refusal",
        blue,
        green,
        null,
        E2e.SWITCHES,
        new CopyOptions(100, 2, true),
        new ApprovalOptions("PT1H"),
        new CutoverOptions(null, "bluegreen:refuse", "PT2M").withTrafficRedisDb(0),
        "PT1H");
  }

  /**
   * Where a refusal happens: in the workflow's request validation (no activity runs) or in
   * PREFLIGHT.
   */
  enum Stage {
    VALIDATION,
    PREFLIGHT
  }

  private static Arguments refused(String name, String expected, DeploymentRequest request) {
    return Arguments.of(name, expected, request, (UnaryOperator<Void>) v -> null, stageOf(name));
  }

  private static Stage stageOf(String name) {
    return List.of(
                "Green database is Blue's (same connection)",
                "unknown request field",
                "malformed duration",
                "invalid Green database name",
                "invalid Blue database name")
            .contains(name)
        ? Stage.VALIDATION
        : Stage.PREFLIGHT;
  }

  static Stream<Arguments> refusals() {
    DeploymentRequest ok = base(blue(), green());
    return Stream.of(
        refused(
            "Green database is Blue's (same connection)",
            "green.database is Blue's database 'refuse'",
            base(blue(), new PlatformSpec("local", BLUE, "local", GREEN_REDIS_DB, "green"))),
        refused(
            "Green database is Blue's (another name for the same server)",
            "Green's MongoDB database is Blue's",
            base(blue(), new PlatformSpec("local2", BLUE, "local", GREEN_REDIS_DB, "green"))),
        refused(
            "Green Redis is Blue's",
            "Green's Redis database is Blue's",
            base(blue(), new PlatformSpec("local", GREEN, "local", 0, "green"))),
        refused(
            "missing Blue profile",
            "has no iap_profiles document with id 'nope'; profile ids there: blue",
            base(new PlatformSpec("local", BLUE, "local", 0, "nope"), green())),
        refused(
            "unknown connection (permanent: no retry can fix it)",
            "no MongoDB connection named 'greenmongo' in the worker configuration (known: local, local2)",
            base(blue(), new PlatformSpec("greenmongo", GREEN, "local", GREEN_REDIS_DB, "green"))),
        refused(
            "unknown request field",
            "unknown field 'mongoUri': remove it",
            new DeploymentRequest(
                ok.deployment(),
                ok.blue(),
                ok.green(),
                null,
                ok.switches(),
                ok.copy(),
                ok.approval(),
                ok.cutover(),
                ok.failoverWindow(),
                new LinkedHashMap<>(Map.of("mongoUri", "mongodb://x")))),
        refused(
            "malformed duration",
            "approval.timeout '7 days' is not an ISO-8601 duration",
            new DeploymentRequest(
                "refusal",
                blue(),
                green(),
                null,
                ok.switches(),
                ok.copy(),
                new ApprovalOptions("7 days"),
                ok.cutover(),
                "PT1H")),
        refused(
            "include of a collection that is never copied",
            "collections.include names collections that a deployment never copies: jobs",
            new DeploymentRequest(
                "refusal",
                blue(),
                green(),
                new CollectionSelection(List.of("jobs"), List.of()),
                ok.switches(),
                ok.copy(),
                ok.approval(),
                ok.cutover(),
                "PT1H")),
        refused(
            "include of a name that is also excluded",
            "no collections left to copy from Blue besides the schema-migration records",
            new DeploymentRequest(
                "refusal",
                blue(),
                green(),
                new CollectionSelection(List.of("workflows"), List.of("workflows")),
                ok.switches(),
                ok.copy(),
                ok.approval(),
                ok.cutover(),
                "PT1H")),
        refused(
            "exclude everything",
            "no collections left to copy from Blue besides the schema-migration records",
            new DeploymentRequest(
                "refusal",
                blue(),
                green(),
                new CollectionSelection(
                    List.of(),
                    DemoPlatform.copiedCollections().stream()
                        .filter(c -> !c.equals(DemoPlatform.MIGRATIONS))
                        .toList()),
                ok.switches(),
                ok.copy(),
                ok.approval(),
                ok.cutover(),
                "PT1H")),
        Arguments.of(
            "Green holding data",
            "Green's database 'refuse_green' (connection 'local') already holds collections this deployment would copy: workflows",
            ok,
            (UnaryOperator<Void>)
                v -> {
                  fx.mongo
                      .getDatabase(GREEN)
                      .getCollection("workflows")
                      .insertOne(new Document("name", "left over"));
                  return null;
                },
            Stage.PREFLIGHT),
        refused(
            "invalid Green database name",
            "green.database 'refuse green' is not a valid MongoDB database name: remove the character ' '",
            base(
                blue(),
                new PlatformSpec("local", "refuse green", "local", GREEN_REDIS_DB, "green"))),
        refused(
            "invalid Blue database name",
            "blue.database 'it/ential' is not a valid MongoDB database name",
            base(new PlatformSpec("local", "it/ential", "local", 0, "blue"), green())),
        refused(
            "wrong Redis password on Green's connection",
            "Redis connection 'badpass' (Green's) refused the worker's credentials (WRONGPASS",
            base(blue(), new PlatformSpec("local", GREEN, "badpass", GREEN_REDIS_DB, "green"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusedBeforeAnyWrite(
      String name,
      String expected,
      DeploymentRequest request,
      UnaryOperator<Void> setup,
      Stage stage)
      throws Exception {
    // Each case sets up its own starting point, so the cases and the other tests run in any order.
    fx.mongo.getDatabase(GREEN).drop();
    try (Jedis r = redis(GREEN_REDIS_DB)) {
      r.flushDB();
    }
    setup.apply(null);
    var blueBefore = E2e.digests(fx, BLUE);
    var greenBefore = E2e.digests(fx, GREEN);
    String id = "refuse-" + Integer.toHexString(name.hashCode());
    BlueGreenDeploymentWorkflow wf = fx.start(id, request);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                WorkflowStub.fromTyped(wf).getResult(90, TimeUnit.SECONDS, DeploymentStatus.class));
    String message = assertInstanceOf(ApplicationFailure.class, e.getCause()).getOriginalMessage();
    assertTrue(message.contains(expected), name + ": " + message);
    assertNoSecret(message);
    DeploymentStatus status = wf.status();
    assertNoSecret(new ObjectMapper().writeValueAsString(status));
    assertEquals(Phase.FAILED, status.phase());
    assertEquals(message, status.error());
    // Nothing was written: Blue byte for byte (iap_profiles included), Green as it was, Green's
    // Redis empty.
    assertEquals(blueBefore, E2e.digests(fx, BLUE), "Blue changed");
    assertEquals(greenBefore, E2e.digests(fx, GREEN), "Green got something");
    try (Jedis r = redis(GREEN_REDIS_DB)) {
      assertEquals(0, r.dbSize());
    }
    List<HistoryEvent> events = fx.client.fetchHistory(id).getEvents();
    List<String> scheduled =
        events.stream()
            .filter(ev -> ev.hasActivityTaskScheduledEventAttributes())
            .map(ev -> ev.getActivityTaskScheduledEventAttributes().getActivityType().getName())
            // The question whether the namespace indexes deployments goes to Temporal, not to
            // either platform.
            .filter(type -> !type.equals("DescribeSearchIndex"))
            .toList();
    if (stage == Stage.VALIDATION) {
      assertEquals(
          List.of(), scheduled, name + ": refused by request validation, before any activity");
    } else {
      // Preflight refusals are not retried: one attempt that failed for good, so the operator hears
      // at once.
      assertEquals(List.of("Preflight"), scheduled, name);
      List<Long> preflight =
          events.stream()
              .filter(
                  ev ->
                      ev.hasActivityTaskScheduledEventAttributes()
                          && ev.getActivityTaskScheduledEventAttributes()
                              .getActivityType()
                              .getName()
                              .equals("Preflight"))
              .map(ev -> ev.getEventId())
              .toList();
      assertEquals(
          List.of(1),
          events.stream()
              .filter(
                  ev ->
                      ev.hasActivityTaskStartedEventAttributes()
                          && preflight.contains(
                              ev.getActivityTaskStartedEventAttributes().getScheduledEventId()))
              .map(ev -> ev.getActivityTaskStartedEventAttributes().getAttempt())
              .toList(),
          name + ": one attempt");
      assertEquals(
          1,
          events.stream().filter(ev -> ev.hasActivityTaskFailedEventAttributes()).count(),
          name + ": the attempt failed");
    }
  }

  @Test
  void outOfPhaseSignalsChangeNothingAndASecondStartIsRefused() throws Exception {
    fx.mongo.getDatabase(GREEN).drop();
    try (Jedis r = redis(GREEN_REDIS_DB)) {
      r.flushDB();
    }
    restoreBlueSwitches();
    var blueBefore = E2e.digests(fx, BLUE);
    String id = StartCommand.defaultId(base(blue(), green()));
    StartCommand.start(fx.client, base(blue(), green()), id);
    BlueGreenDeploymentWorkflow wf =
        fx.client.newWorkflowStub(BlueGreenDeploymentWorkflow.class, id);
    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    E2e.assertGreenIdentical(fx, BLUE, waiting);

    CliException second =
        assertThrows(
            CliException.class, () -> StartCommand.start(fx.client, base(blue(), green()), id));
    assertTrue(second.getMessage().contains("already running"), second.getMessage());

    wf.rollback(new OperatorSignal("ops", "rollback before cutover"));
    DeploymentStatus s =
        LocalStackFixture.await(wf, Duration.ofSeconds(30), st -> st.rejections().size() == 1);
    assertEquals(Phase.AWAITING_APPROVAL, s.phase());
    assertNotEquals(Colour.GREEN, s.activeColour());
    assertEquals(blueBefore, E2e.digests(fx, BLUE), "a rejected rollback changed Blue");

    DeploymentStatus live;
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, BLUE, "blue", "startJobs", Duration.ofMillis(700))
            .start()) {
      wf.approveCutover(new OperatorSignal("ops", "first approval"));
      wf.approveCutover(new OperatorSignal("ops", "second approval"));
      LocalStackFixture.await(wf, Duration.ofMinutes(1), st -> st.phase() == Phase.CUTTING_OVER);
      wf.resync(new OperatorSignal("ops", "resync during cutover"));
      live = LocalStackFixture.await(wf, Duration.ofMinutes(3), st -> st.phase() == Phase.LIVE);
    }
    wf.abort(new OperatorSignal("ops", "abort after cutover"));
    DeploymentStatus after =
        LocalStackFixture.await(wf, Duration.ofSeconds(30), st -> st.rejections().size() == 4);
    assertEquals(Phase.LIVE, after.phase(), "a rejected abort changes nothing");
    assertEquals(Colour.GREEN, after.activeColour());
    try (Jedis r = redis(0)) {
      assertEquals("green", r.get("bluegreen:refuse"));
    }
    assertEquals(
        List.of("rollback", "approveCutover", "resync", "abort"),
        after.rejections().stream().map(SignalRecord::signal).toList());
    for (SignalRecord r : after.rejections()) {
      assertFalse(r.accepted());
      assertTrue(r.note() != null && !r.note().isBlank(), "a rejection says why: " + r);
    }
    assertEquals(
        List.of("approveCutover"), after.approvals().stream().map(SignalRecord::signal).toList());
    assertEquals(live.approvals(), after.approvals());

    wf.finalizeDeployment(new OperatorSignal("ops", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(1, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertNoSecret(new ObjectMapper().writeValueAsString(done));
    assertNoSecret(fx.client.fetchHistory(id).toJson(true));
    restoreBlueSwitches();
  }

  /**
   * A completed deployment leaves Blue's switches off; the next test starts from a serving Blue.
   */
  private static void restoreBlueSwitches() {
    fx.mongo
        .getDatabase(BLUE)
        .getCollection("iap_profiles")
        .updateOne(
            new Document("id", "blue"),
            new Document("$set", new Document("startJobs", true).append("taskWorker", true)));
  }

  /**
   * The worker holds a Redis password and uses a wrong one; neither may reach anything an operator
   * reads. This test makes the worker use both itself (a deployment refused for the wrong
   * password), so it needs no other test to run first, then reads every history on this stack, the
   * status and error, and the worker's log.
   */
  @Test
  void noPasswordInHistoryLogsOrMessages() throws Exception {
    fx.mongo.getDatabase(GREEN).drop();
    String id = "secrets-wrongpass";
    BlueGreenDeploymentWorkflow wf =
        fx.start(
            id, base(blue(), new PlatformSpec("local", GREEN, "badpass", GREEN_REDIS_DB, "green")));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                WorkflowStub.fromTyped(wf).getResult(90, TimeUnit.SECONDS, DeploymentStatus.class));
    String error = assertInstanceOf(ApplicationFailure.class, e.getCause()).getOriginalMessage();
    List<String> places =
        new ArrayList<>(List.of(error, new ObjectMapper().writeValueAsString(wf.status())));
    fx.client
        .listExecutions("")
        .forEach(
            x -> places.add(fx.client.fetchHistory(x.getExecution().getWorkflowId()).toJson(true)));
    String workerLog = Files.readString(fx.stack.workerLog());
    places.add(workerLog);
    // Not vacuous: the worker itself logged the refused credentials (the operator's copy of the
    // message does not count), and the password the worker used successfully reached it.
    assertTrue(
        workerLog.lines().anyMatch(l -> l.contains("workflowId=" + id) && l.contains("WRONGPASS")),
        "the worker's log has the refusal of the wrong password");
    assertTrue(error.contains("WRONGPASS"), error);
    assertTrue(
        workerLog.contains("activity=Preflight"),
        "the worker ran activities with the good password too");
    for (String text : places) {
      assertNoSecret(text);
    }
  }

  private static void assertNoSecret(String text) {
    assertFalse(text.contains(PASSWORD), "password leaked: " + excerpt(text, PASSWORD));
    assertFalse(
        text.contains(WRONG_PASSWORD), "wrong password leaked: " + excerpt(text, WRONG_PASSWORD));
  }

  private static String excerpt(String text, String secret) {
    int at = text.indexOf(secret);
    return text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50));
  }
}
