package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliEncryption;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.PlanView;
import io.bluegreen.starter.RequestReader;
import io.bluegreen.starter.Temporal;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.BlueGreenPlanWorkflow;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    description =
        "Dry run: validate a request and run the read-only preflight through the worker; writes nothing.")
public final class PlanCommand implements Callable<Integer> {
  /**
   * Preflight counts and sizes collections; a worker that answers none of it within this is not
   * there.
   */
  static final Duration WAIT = Duration.ofMinutes(2);

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "The deployment request (JSON).")
  Path request;

  @Option(
      names = "--rate",
      paramLabel = "DOCS_PER_S",
      description =
          "Copy rate for the estimate, documents/s. Default: "
              + PlanView.DEFAULT_RATE
              + " (assumed).")
  Long rate;

  @Option(names = "--json", description = "Print the preflight report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    DeploymentRequest req = RequestReader.read(request);
    long r = rate == null ? PlanView.DEFAULT_RATE : rate;
    if (r <= 0) {
      throw CliException.usage("--rate must be a positive number of documents per second");
    }
    WorkflowClient client = Temporal.connect();
    // A unique ID: a plan is never a deployment and must not collide with one of the same Blue.
    // Workflow IDs are stored in the clear: with payload encryption, no database name in it.
    String blue =
        CliEncryption.settings()
            .map(e -> Pseudonyms.current(e.keys(), req.blue().database()))
            .orElse(req.blue().database());
    String workflowId =
        "bluegreen-plan-" + blue + "-" + UUID.randomUUID().toString().substring(0, 8);
    PreflightReport plan = run(client, req, workflowId);
    System.out.print(json ? Json.pretty(plan) + "\n" : PlanView.render(workflowId, req, plan, r));
    return 0;
  }

  /** Starts the plan workflow and waits for its report; every way it can fail is one clear line. */
  public static PreflightReport run(
      WorkflowClient client, DeploymentRequest req, String workflowId) {
    requireWorker(client);
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            BlueGreenPlanWorkflow.WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.BLUE_GREEN)
                .setWorkflowId(workflowId)
                // Nobody waits for a plan longer than this; do not leave it pending on the server.
                .setWorkflowExecutionTimeout(WAIT.plusMinutes(1))
                .setStaticSummary(
                    "plan (dry run): Blue "
                        + req.blue().database()
                        + " -> Green "
                        + req.green().database())
                .build());
    stub.start(req);
    try {
      return stub.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, PreflightReport.class);
    } catch (TimeoutException e) {
      stub.terminate("the plan command stopped waiting");
      throw new CliException(
          "the plan "
              + workflowId
              + " got no answer within "
              + WAIT.toMinutes()
              + " minutes: is a worker running, and can it reach the databases? (see its log)",
          e);
    } catch (WorkflowFailedException e) {
      throw new CliException("plan refused: " + message(e), e);
    }
  }

  /** Without a poller the plan would wait silently for minutes; say so at once. */
  private static void requireWorker(WorkflowClient client) {
    try {
      var response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeTaskQueue(
                  DescribeTaskQueueRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.BLUE_GREEN))
                      .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                      .build());
      if (response.getPollersCount() == 0) {
        throw new CliException(
            "no worker polls task queue "
                + TaskQueues.BLUE_GREEN
                + ": start one with ./bluegreen worker (or ./bluegreen dev up); the plan runs on the worker");
      }
    } catch (RuntimeException e) {
      if (e instanceof CliException) {
        throw e;
      }
      throw Temporal.translate(e);
    }
  }

  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a) {
        return a.getOriginalMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
