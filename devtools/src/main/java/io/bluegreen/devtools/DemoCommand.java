package io.bluegreen.devtools;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.Home;
import io.bluegreen.starter.StatusView;
import io.bluegreen.starter.Temporal;
import io.bluegreen.starter.Watcher;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.SyncOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;

@Command(
    name = "demo",
    description =
        "Local stack, a seeded sample Blue platform, and one whole deployment with progress.")
public final class DemoCommand implements Callable<Integer> {
  static final String BLUE_DB = "itential";
  static final String GREEN_DB = "itential_green";
  static final String TRAFFIC_KEY = "bluegreen:active";
  static final String WORKFLOW_ID = "bluegreen-" + BLUE_DB;

  @Option(
      names = "--auto-approve",
      description = "Approve the cutover as 'demo' instead of waiting for you.")
  boolean autoApprove;

  @Option(
      names = "--documents",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Resource model documents to seed into Blue. Default: ${DEFAULT-VALUE}.")
  int documents;

  @Option(
      names = "--mongo",
      paramLabel = "emulator|ferretdb",
      description =
          "The MongoDB-wire server of the local stack: `emulator` or `ferretdb` (see dev up).")
  String mongo;

  /** The releases the simulated platforms report: an upgrade from 2023.2 to Platform 6. */
  static final String BLUE_RELEASE = "2023.2.4";

  static final String GREEN_RELEASE = "6.0.3";

  @Override
  public Integer call() {
    if (documents < DemoPlatform.RESOURCE_WEIGHTS.size()) {
      throw CliException.usage(
          "--documents must be at least "
              + DemoPlatform.RESOURCE_WEIGHTS.size()
              + " (one per resource collection)");
    }
    DevStack stack = DevCommand.stack(Home.get(), mongo);
    // A password for this run only, handed to the worker through its environment, as in production.
    String password = "demo-" + UUID.randomUUID();
    System.out.println(
        "SIMULATED Itential Platform APIs for Blue ("
            + BLUE_RELEASE
            + ") and Green ("
            + GREEN_RELEASE
            + "): stand-ins for real platforms, so the demo can show the release read, the login and switching through the API");
    try (SimulatedItentialApi blueApi =
            SimulatedItentialApi.withLogin(BLUE_RELEASE, DemoWorkerConfig.USER, password)
                .logTo("Blue", System.out::println);
        SimulatedItentialApi greenApi =
            SimulatedItentialApi.withLogin(GREEN_RELEASE, DemoWorkerConfig.USER, password)
                .logTo("Green", System.out::println)) {
      return run(stack, password, blueApi, greenApi);
    } catch (IOException e) {
      throw new CliException("cannot start the simulated Itential APIs: " + e.getMessage(), e);
    }
  }

  private int run(
      DevStack stack,
      String password,
      SimulatedItentialApi blueApi,
      SimulatedItentialApi greenApi) {
    System.out.println(
        "starting the local stack (Temporal dev server, MongoDB-wire server, Redis, worker)...");
    Path config =
        DemoWorkerConfig.write(
            stack.stateDir().resolve("demo-worker.json"),
            stack.mongoUri(),
            stack.redisUri(),
            blueApi.baseUrl(),
            greenApi.baseUrl());
    stack.withWorkerConfig(config).withWorkerEnv(Map.of(DemoWorkerConfig.PASSWORD_ENV, password));
    stack.up(false);
    // A worker left running knows other API addresses (or none): this run's configuration needs a
    // fresh one.
    stack.stopWorker();
    stack.startWorker();
    System.out.print(DevCommand.table(stack.status()));
    System.out.println("Temporal UI: http://127.0.0.1:8233");
    System.out.println();

    URI redis = URI.create(stack.redisUri());
    DemoPlatform platform = new DemoPlatform(documents, redis.getHost(), redis.getPort(), false);
    if (stack.mongoBackend() == MongoBackend.FERRETDB) {
      platform.withoutDollarFieldNames();
    }
    WorkflowClient client = Temporal.connectTo(stack.temporalAddress());
    // The previous demo's run must end before its databases are dropped under it.
    terminatePrevious(client);
    try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
      Map<String, Integer> seeded = platform.seed(mongo, BLUE_DB, GREEN_DB);
      System.out.println("seeded Blue database '" + BLUE_DB + "': " + seeded);
    }
    try (Jedis jedis = new Jedis(redis)) {
      jedis.select(1);
      jedis.flushDB();
      jedis.select(0);
      jedis.del(TRAFFIC_KEY);
    }

    try (MongoClient mongo = MongoClients.create(stack.mongoUri());
        BlueJobsSimulator blueJobs =
            new BlueJobsSimulator(mongo, BLUE_DB, blueApi::jobWorker, Duration.ofSeconds(1))) {
      System.out.println(
          "Blue's running jobs finish one per second once its job worker is off (simulated platform)");
      blueJobs.start();
      return deploy(stack, client, redis, blueApi, greenApi);
    }
  }

  private int deploy(
      DevStack stack,
      WorkflowClient client,
      URI redis,
      SimulatedItentialApi blueApi,
      SimulatedItentialApi greenApi) {
    DeploymentRequest request = request();
    StartCommand.start(client, request, WORKFLOW_ID);
    System.out.println(
        "started deployment " + WORKFLOW_ID + " (watch it in the UI too: http://127.0.0.1:8233)");
    Watcher watcher = Watcher.forTerminal(client, WORKFLOW_ID);
    StatusView view = watcher.until(p -> p == Phase.AWAITING_APPROVAL || p == Phase.LIVE).follow();
    if (view.status().phase() == Phase.AWAITING_APPROVAL) {
      if (autoApprove) {
        client
            .newUntypedWorkflowStub(WORKFLOW_ID)
            .signal(
                BlueGreenDeploymentWorkflow.APPROVE_CUTOVER,
                new OperatorSignal("demo", "demo --auto-approve"));
        System.out.println("approved the cutover as 'demo'");
      } else {
        System.out.println();
        System.out.println(
            "Green is copied and verified. Check it, then approve from another shell:");
        System.out.println(
            "  ./bluegreen approve " + WORKFLOW_ID + " --by \"$USER\" --reason \"green checked\"");
        System.out.println(
            "(or abort: ./bluegreen abort " + WORKFLOW_ID + " --by NAME --reason TEXT)");
      }
      view = watcher.until(p -> p == Phase.LIVE).follow();
    }
    try (MongoClient mongo = MongoClients.create(stack.mongoUri());
        Jedis jedis = new Jedis(redis)) {
      DemoSummary summary =
          DemoSummary.read(
              view.status(), mongo, jedis, TRAFFIC_KEY, workers(blueApi), workers(greenApi));
      System.out.println();
      System.out.print(summary.render(WORKFLOW_ID, !autoApprove));
      boolean live = view.status().phase() == Phase.LIVE && summary.allMatch();
      if (live) {
        endWhileTheSimulatedApisRun(client, watcher);
      }
      return live ? 0 : 1;
    }
  }

  /**
   * The simulated platform APIs live in this process: a rollback or finalize after it ended would
   * find no API to switch workers through. Interactively they stay up until the deployment ends
   * (the operator decides from another shell); with --auto-approve the demo finalizes its own
   * deployment before it exits.
   */
  private void endWhileTheSimulatedApisRun(WorkflowClient client, Watcher watcher) {
    if (autoApprove) {
      System.out.println(
          "\nthe simulated APIs stop with this command, so the demo finalizes its deployment now"
              + " (run ./bluegreen demo without --auto-approve to try rollback or finalize yourself)");
      client
          .newUntypedWorkflowStub(WORKFLOW_ID)
          .update(
              BlueGreenDeploymentWorkflow.FINALIZE,
              DecisionResult.class,
              new OperatorSignal("demo", "demo --auto-approve ends"));
    } else {
      System.out.println(
          "\nthe simulated Blue and Green APIs stay up until the deployment ends: rollback or finalize it"
              + " from another shell (Ctrl-C stops them and leaves the deployment without its platforms)");
    }
    watcher.until(Phase::isTerminal).follow();
  }

  private static Map<String, Object> workers(SimulatedItentialApi api) {
    return Map.of(
        "jobWorker",
        api.jobWorker() ? "running" : "stopped",
        "taskWorker",
        api.taskWorker() ? "running" : "stopped");
  }

  /**
   * Both platforms switched through their (simulated) API, no profile field toggled; Green's
   * local_aaa points at Green's own database and Green logs to its own directory.
   */
  static DeploymentRequest request() {
    return new DeploymentRequest(
            "demo-upgrade",
            new PlatformSpec("local", BLUE_DB, "local", 0, "blue")
                .withApiAndHealth(DemoWorkerConfig.BLUE_API, null),
            new PlatformSpec("local", GREEN_DB, "local", 1, "green")
                .withApiAndHealth(DemoWorkerConfig.GREEN_API, null)
                .withOverrides(
                    Map.of("loggerProps.log_directory", "/var/log/itential-green/"),
                    Map.of("local_aaa", Map.of("properties.properties.database.db", GREEN_DB))),
            // The traffic key in db 0 of the one local Redis, which is Blue's db: named, as
            // preflight requires.
            null,
            null,
            null,
            null,
            new CutoverOptions(null, TRAFFIC_KEY, null).withTrafficRedisDb(0),
            null)
        // Each demo seeds Blue and Green afresh: a baseline a terminated earlier demo left is
        // garbage.
        .withSync(new SyncOptions(null, null, null, true));
  }

  private static void terminatePrevious(WorkflowClient client) {
    try {
      var info =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID))
                      .build())
              .getWorkflowExecutionInfo();
      if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        client.newUntypedWorkflowStub(WORKFLOW_ID).terminate("a new ./bluegreen demo replaces it");
        System.out.println("terminated the previous demo deployment " + WORKFLOW_ID);
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw Temporal.translate(e);
      }
    } catch (RuntimeException e) {
      throw new CliException("cannot check for a previous demo deployment: " + e.getMessage(), e);
    }
  }
}
