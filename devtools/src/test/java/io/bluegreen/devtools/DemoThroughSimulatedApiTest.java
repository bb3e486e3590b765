package io.bluegreen.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.cutover.CutoverActivitiesImpl;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.activities.provisioning.ProvisioningActivitiesImpl;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.RequestDefaults;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's platform and request, through the real activities, against the simulated Itential
 * APIs, a MongoDB-wire server and a redis-server on random ports (never the shared demo ports): the
 * release read, the login, Green's own configuration, and switching through the API.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoThroughSimulatedApiTest {
  private static final String PASSWORD = "demo-test-password";
  private MongoServer mongoServer;
  private MongoClient mongo;
  private Process redis;
  private SimulatedItentialApi blueApi;
  private SimulatedItentialApi greenApi;
  private final List<String> apiLog = new CopyOnWriteArrayList<>();
  private Connections connections;
  private TestActivityEnvironment env;

  @BeforeEach
  void start() throws Exception {
    mongoServer = new MongoServer(new MemoryBackend());
    String mongoUri = "mongodb://127.0.0.1:" + mongoServer.bind().getPort();
    mongo = MongoClients.create(mongoUri);
    int redisPort;
    try (ServerSocket s = new ServerSocket(0)) {
      redisPort = s.getLocalPort();
    }
    redis =
        new ProcessBuilder(
                redisServer(),
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(redisPort);
    new DemoPlatform(200, "127.0.0.1", redisPort, false)
        .seed(mongo, DemoCommand.BLUE_DB, DemoCommand.GREEN_DB);
    blueApi =
        SimulatedItentialApi.withLogin(DemoCommand.BLUE_RELEASE, DemoWorkerConfig.USER, PASSWORD)
            .logTo("Blue", apiLog::add);
    greenApi =
        SimulatedItentialApi.withLogin(DemoCommand.GREEN_RELEASE, DemoWorkerConfig.USER, PASSWORD)
            .logTo("Green", apiLog::add);
    connections =
        new Connections(
            Map.of("local", mongoUri),
            Map.of("local", "redis://127.0.0.1:" + redisPort),
            Map.of(
                DemoWorkerConfig.BLUE_API,
                ApiEndpoint.login(blueApi.baseUrl(), DemoWorkerConfig.USER, PASSWORD),
                DemoWorkerConfig.GREEN_API,
                ApiEndpoint.login(greenApi.baseUrl(), DemoWorkerConfig.USER, PASSWORD)));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new PreflightActivitiesImpl(connections),
        new ProvisioningActivitiesImpl(connections),
        new CutoverActivitiesImpl(connections, Duration.ofMillis(100), Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    connections.close();
    blueApi.close();
    greenApi.close();
    mongo.close();
    mongoServer.shutdownNow();
    redis.destroy();
    redis.waitFor();
  }

  private <T> T stub(Class<T> type) {
    return env.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  @Test
  void theDemoReadsReleasesLogsInPreviewsGreenAndSwitchesThroughTheApi() {
    DeploymentRequest request = RequestDefaults.apply(DemoCommand.request(), "demo");
    PreflightReport plan = stub(PreflightActivities.class).preflight(PreflightInput.of(request));
    assertEquals("2023.2.4", plan.blueRelease());
    assertEquals("6.0.3", plan.greenRelease());
    assertTrue(
        apiLog.contains(
            "[simulated Blue Itential API 2023.2.4] POST /login as admin@itential: session token issued"),
        apiLog.toString());
    assertTrue(
        apiLog.contains("[simulated Green Itential API 6.0.3] GET /health/server: release 6.0.3"),
        apiLog.toString());
    List<String> planned = plan.collections().stream().map(c -> c.name()).toList();
    assertTrue(planned.containsAll(DemoPlatform.copiedCollections()), "planned " + planned);
    List<String> excluded = plan.excluded().stream().map(ExcludedCollection::name).toList();
    assertTrue(
        excluded.containsAll(List.of("jobs", "tasks", "job_data.files", "job_data.chunks")),
        "excluded " + excluded);
    List<String> changes =
        plan.greenConfiguration().stream()
            .map(c -> c.document() + " " + c.path() + " " + c.green())
            .toList();
    assertTrue(
        changes.contains(
            "service_configs/local_aaa properties.properties.database.db \"itential_green\""),
        changes.toString());
    assertTrue(
        changes.contains(
            "iap_profiles/green loggerProps.log_directory \"/var/log/itential-green/\""),
        changes.toString());
    assertFalse(
        plan.findings().stream().anyMatch(f -> f.contains("toggling")),
        "no profile field is toggled: " + plan.findings());

    stub(ProvisioningActivities.class)
        .provisionGreen(new ProvisionInput(request.blue(), request.green(), request.switches()));
    assertFalse(
        greenApi.jobWorker() || greenApi.taskWorker(),
        "Green's workers were turned off through its API");
    MongoDatabase green = mongo.getDatabase(DemoCommand.GREEN_DB);
    Document aaa =
        green.getCollection("service_configs").find(new Document("name", "local_aaa")).first();
    assertNotNull(aaa);
    assertEquals(
        DemoCommand.GREEN_DB,
        aaa.getEmbedded(List.of("properties", "properties", "database", "db"), String.class));
    for (ConfigDifference c : plan.greenConfiguration()) {
      assertTrue(
          c.document().startsWith("iap_profiles/green")
              || c.document().startsWith("service_configs/"),
          c.toString());
    }

    stub(CutoverActivities.class)
        .setSwitch(
            new SwitchInput(request.blue(), Colour.BLUE, WorkerSwitch.START_JOBS, null, false));
    assertFalse(blueApi.jobWorker());
    assertTrue(
        apiLog.contains(
            "[simulated Blue Itential API 2023.2.4] POST /workflow_engine/jobWorker/deactivate: job worker stopped"),
        apiLog.toString());
    Document blueProfile =
        mongo.getDatabase(DemoCommand.BLUE_DB).getCollection("iap_profiles").find().first();
    assertFalse(
        blueProfile.containsKey("startJobs"),
        "the realistic profile has no switch field, and none was added");
    assertFalse(
        apiLog.stream().anyMatch(l -> l.contains(PASSWORD)), "the log never shows the password");
  }

  private static String redisServer() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    throw new IllegalStateException(
        "redis-server must be on PATH for this test (./bluegreen test installs it)");
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }
}
