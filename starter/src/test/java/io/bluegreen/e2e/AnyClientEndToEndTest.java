package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.JavaCommand;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.BluegreenCli;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * A deployment started, decided and cancelled by another client, exactly as docs/clients.md shows
 * it: the page's {@code temporal} lines run as written, through the {@code temporal} CLI binary,
 * against the real local stack (whose worker names its connections {@code prod}, as the page's
 * request does). The deployment carries no search attributes from its start, yet {@code ./bluegreen
 * list --phase AWAITING_APPROVAL}, then {@code --phase LIVE}, finds it. The page's Python client
 * runs as written too, with the temporalio SDK the launcher installs.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AnyClientEndToEndTest {
  private static final Path PAGE = Path.of("..", "docs", "clients.md");
  private static final String ID = "bluegreen-itential";
  private static final String LABEL = "iap-6-upgrade";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStackFixture fx;
  private static Path config;

  @BeforeAll
  static void upStack() throws Exception {
    Path state = LocalStackFixture.tempDir("bluegreen-e2e-any-client");
    config = state.resolve("worker-prod.json");
    fx =
        new LocalStackFixture(
            state,
            stack -> {
              try {
                Files.writeString(
                    config,
                    "{\"mongo\": {\"prod\": {\"uri\": \""
                        + stack.mongoUri()
                        + "\"}},"
                        + " \"redis\": {\"prod\": {\"uri\": \""
                        + stack.redisUri()
                        + "\"}}}");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return stack.withWorkerConfig(config);
            });
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void theDocumentedTemporalCliLinesStartFindApproveAndCancelADeployment() throws Exception {
    String page = Files.readString(PAGE);
    JsonNode formInput = JSON.readTree(block(page, "json"));
    List<String> lines = block(page, "sh").lines().filter(l -> l.startsWith("temporal ")).toList();
    String start = line(lines, "temporal workflow start ");
    JsonNode startInput = JSON.readTree(singleQuoted(start, "--input"));
    assertEquals(
        formInput, startInput, "the UI form's JSON and the CLI's --input are the same request");
    String blue = formInput.at("/blue/database").asText();
    String green = formInput.at("/green/database").asText();

    freshPlatforms(blue, green);

    temporal(start);
    BlueGreenDeploymentWorkflow wf =
        fx.client.newWorkflowStub(BlueGreenDeploymentWorkflow.class, ID);
    LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);

    // Found by phase and labelled, though the start carried no search attribute.
    String waiting = bluegreenListUntil("AWAITING_APPROVAL", out -> out.contains(ID));
    assertTrue(
        rowOf(waiting, ID).contains(LABEL) && rowOf(waiting, ID).contains("AWAITING_APPROVAL"),
        waiting);
    assertTrue(
        temporal(line(lines, "temporal workflow list ")).contains(ID),
        "the UI's filter finds it too");
    assertTrue(temporal(line(lines, "temporal workflow query ")).contains("AWAITING_APPROVAL"));

    // What the UI shows: the start's summary in the list, the workflow's details on its page.
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    assertEquals(singleQuoted(start, "--static-summary"), stub.describe().getStaticSummary());
    String details =
        stub.query("__temporal_workflow_metadata", WorkflowMetadata.class).getCurrentDetails();
    assertTrue(
        details.startsWith("**" + LABEL + "**: Blue `" + blue + "` → Green `" + green + "`"),
        details);

    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, blue, "blue", "startJobs", Duration.ofMillis(200))
            .start()) {
      String answer = temporal(line(lines, "temporal workflow update execute "));
      assertTrue(
          answer.contains("accepted:true"),
          answer); // the CLI's text output of {"accepted": true, …}
      LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }
    String live = bluegreenListUntil("LIVE", out -> out.contains(ID));
    assertTrue(rowOf(live, ID).contains(LABEL), live);
    try (Jedis traffic = redis(2)) {
      assertEquals("green", traffic.get("bluegreen:active"));
    }

    // Cancelled once LIVE: a rollback, Blue restored, then the workflow ends cancelled.
    temporal(line(lines, "temporal workflow cancel "));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub.getResult(3, TimeUnit.MINUTES, DeploymentStatus.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    assertEquals(Phase.ROLLED_BACK, wf.status().phase());
    try (Jedis traffic = redis(2)) {
      assertEquals("blue", traffic.get("bluegreen:active"));
    }
    assertEquals(Colour.BLUE, wf.status().activeColour());
    assertTrue(bluegreenListUntil("ROLLED_BACK", out -> out.contains(ID)).contains(LABEL));
  }

  @Test
  void theDocumentedPythonClientStartsAndApproves() throws Exception {
    Path python = DevStack.defaultHome().resolve(".tools/python/bin/python");
    assertTrue(
        Files.isExecutable(python),
        "no "
            + python
            + ": ./bluegreen test installs the Python SDK there"
            + " (a venv with temporalio from PyPI), and this test runs docs/clients.md's Python client with it");
    String page = Files.readString(PAGE);
    String request = block(page, "json");
    JsonNode requestJson = JSON.readTree(request);
    freshPlatforms(
        requestJson.at("/blue/database").asText(), requestJson.at("/green/database").asText());
    Path dir = Files.createTempDirectory("bluegreen-python-client");
    Files.writeString(dir.resolve("request.json"), request);
    Files.writeString(dir.resolve("client.py"), block(page, "python"));

    BlueGreenDeploymentWorkflow wf =
        fx.client.newWorkflowStub(BlueGreenDeploymentWorkflow.class, ID);
    String out;
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(
                fx.mongo,
                requestJson.at("/blue/database").asText(),
                "blue",
                "startJobs",
                Duration.ofMillis(200))
            .start()) {
      ProcessBuilder pb =
          new ProcessBuilder(python.toString(), "client.py").directory(dir.toFile());
      out = run(pb, Map.of("TEMPORAL_ADDRESS", fx.stack.temporalAddress()), Duration.ofMinutes(4));
      assertTrue(out.contains("'accepted': True"), out);
      LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }
    assertTrue(bluegreenListUntil("LIVE", o -> o.contains(ID)).contains(LABEL));
    DeploymentStatus live = wf.status();
    assertEquals("alice", live.approvals().get(0).by());
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    stub.cancel();
    assertThrows(
        WorkflowFailedException.class,
        () -> stub.getResult(3, TimeUnit.MINUTES, DeploymentStatus.class));
  }

  /**
   * The page's Blue seeded afresh, Green and the traffic key's Redis db empty, and no deployment of
   * the page's ID still running (each test ends its own; this is for one that failed half-way).
   */
  private static void freshPlatforms(String blue, String green) {
    try {
      fx.client.newUntypedWorkflowStub(ID).terminate("a fresh deployment for the next test");
    } catch (RuntimeException notRunning) {
      // closed or never started: nothing to end
    }
    new DemoPlatform(100, "127.0.0.1", fx.stack.ports().redis()).seed(fx.mongo, blue, green);
    for (int db : new int[] {1, 2}) {
      try (Jedis r = redis(db)) {
        r.flushDB();
      }
    }
  }

  /** The first fenced block of {@code language} on the page. */
  private static String block(String page, String language) {
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(m.find(), "docs/clients.md has a ```" + language + " block");
    return m.group(1);
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "docs/clients.md has no line starting " + prefix + ": " + lines));
  }

  /** The single-quoted value after {@code option} on a documented line. */
  private static String singleQuoted(String line, String option) {
    Matcher m = Pattern.compile(Pattern.quote(option) + " '([^']*)'").matcher(line);
    assertTrue(m.find(), option + " in " + line);
    return m.group(1);
  }

  private static String rowOf(String table, String id) {
    return table.lines().filter(l -> l.contains(id)).findFirst().orElse("");
  }

  /** A documented line, run by a shell as an operator would, against the test's server. */
  private static String temporal(String line) throws Exception {
    Path temporal = Path.of(temporalBinary());
    return run(
        List.of("bash", "-c", line),
        Map.of(
            "TEMPORAL_ADDRESS",
            fx.stack.temporalAddress(),
            "PATH",
            temporal.getParent() + ":" + System.getenv("PATH")));
  }

  /**
   * {@code ./bluegreen list --phase PHASE}: the launcher's CLI class, in its own JVM, until {@code
   * done} (visibility lags).
   */
  private static String bluegreenListUntil(String phase, Predicate<String> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String out;
    do {
      out =
          run(
              JavaCommand.of(
                  BluegreenCli.class.getName(), List.of(), List.of("list", "--phase", phase)),
              Map.of(
                  "TEMPORAL_ADDRESS",
                  fx.stack.temporalAddress(),
                  "BLUEGREEN_WORKER_CONFIG",
                  config.toString()));
      if (done.test(out)) {
        return out;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "./bluegreen list --phase " + phase + " never listed " + ID + ":\n" + out);
  }

  private static String run(List<String> command, Map<String, String> env) throws Exception {
    return run(new ProcessBuilder(new ArrayList<>(command)), env, Duration.ofSeconds(90));
  }

  /**
   * Runs {@code pb}; it must exit 0. (The documented Python client leaves by {@code os._exit(0)}:
   * the SDK's interpreter teardown can abort after the work is done, see docs/clients.md.)
   */
  private static String run(ProcessBuilder pb, Map<String, String> env, Duration limit)
      throws Exception {
    String command = String.join(" ", pb.command());
    pb.redirectErrorStream(true).environment().putAll(env);
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    reader.start();
    boolean ended = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join();
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(ended, command + " did not end within " + limit + ": " + text);
    assertEquals(0, p.exitValue(), command + " failed: " + text);
    return text;
  }

  /** The `temporal` CLI the launcher installs: on PATH, else in the checkout's tools. */
  private static String temporalBinary() {
    Path tools = DevStack.defaultHome().resolve(".tools/bin/temporal");
    if (Files.isExecutable(tools)) {
      return tools.toString();
    }
    for (String dir : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(dir, "temporal");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "no temporal CLI on PATH nor in " + tools + " (./bluegreen test installs it)");
  }

  private static Jedis redis(int db) {
    Jedis j = new Jedis("127.0.0.1", fx.stack.ports().redis());
    j.select(db);
    return j;
  }
}
