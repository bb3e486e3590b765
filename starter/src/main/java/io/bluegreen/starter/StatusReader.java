package io.bluegreen.starter;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads a deployment's status the way an operator needs it, whether or not a worker is running. */
public final class StatusReader {
  /** How long a query may wait for a worker before the CLI says none answered. */
  private static final long QUERY_TIMEOUT_SECONDS = 5;

  private final WorkflowClient client;

  public StatusReader(WorkflowClient client) {
    this.client = client;
  }

  public StatusView read(String workflowId) {
    DescribeWorkflowExecutionResponse described = describe(workflowId);
    WorkflowExecutionStatus execStatus = described.getWorkflowExecutionInfo().getStatus();
    String exec = execStatus.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    Map<String, CopyCheckpoint> live = liveCopies(described);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    try {
      DeploymentStatus status = query(stub);
      return new StatusView(workflowId, exec, status, live, null);
    } catch (TimeoutException | RuntimeException queryFailure) {
      Optional<CliException> undecodable = Temporal.encryptionProblem(queryFailure);
      if (undecodable.isPresent()) {
        throw undecodable.get();
      }
      if (execStatus == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new CliException(
            "no worker answered the status query of "
                + workflowId
                + " within "
                + QUERY_TIMEOUT_SECONDS
                + "s: start one with ./bluegreen worker (or ./bluegreen dev up)",
            queryFailure);
      }
      return closedResult(workflowId, exec, stub);
    }
  }

  /**
   * The status query alone, for callers that poll (signals, watch) and handle failure themselves.
   */
  public Optional<DeploymentStatus> tryQuery(String workflowId) {
    try {
      return Optional.ofNullable(query(client.newUntypedWorkflowStub(workflowId)));
    } catch (TimeoutException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private DeploymentStatus query(WorkflowStub stub) throws TimeoutException {
    CompletableFuture<DeploymentStatus> f =
        CompletableFuture.supplyAsync(
            () -> stub.query(BlueGreenDeploymentWorkflow.STATUS, DeploymentStatus.class));
    try {
      return f.get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } finally {
      f.cancel(true);
    }
  }

  private StatusView closedResult(String workflowId, String exec, WorkflowStub stub) {
    try {
      DeploymentStatus result =
          stub.getResult(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS, DeploymentStatus.class);
      return new StatusView(
          workflowId,
          exec,
          result,
          Map.of(),
          "no worker answered the query; showing the result the workflow returned when it closed");
    } catch (WorkflowFailedException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new CliException(
          "deployment "
              + workflowId
              + " closed as "
              + exec
              + " without a result: "
              + root.getMessage()
              + " (see ./bluegreen audit "
              + workflowId
              + ")");
    } catch (TimeoutException e) {
      throw new CliException(
          "deployment " + workflowId + " is " + exec + " and its result could not be read");
    }
  }

  public DescribeWorkflowExecutionResponse describe(String workflowId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new CliException(
            "no deployment with ID '" + workflowId + "' (see ./bluegreen list)", e);
      }
      throw Temporal.translate(e);
    }
  }

  private Map<String, CopyCheckpoint> liveCopies(DescribeWorkflowExecutionResponse described) {
    DataConverter converter = client.getOptions().getDataConverter();
    Map<String, CopyCheckpoint> live = new LinkedHashMap<>();
    for (PendingActivityInfo a : described.getPendingActivitiesList()) {
      if (!"CopyCollection".equals(a.getActivityType().getName()) || !a.hasHeartbeatDetails()) {
        continue;
      }
      try {
        CopyCheckpoint c =
            converter.fromPayloads(
                0,
                Optional.of(a.getHeartbeatDetails()),
                CopyCheckpoint.class,
                CopyCheckpoint.class);
        if (c != null && c.collection() != null) {
          // A collection copied in _id ranges has one running copy per range: it reads as one, the
          // sum.
          live.merge(
              c.collection(),
              c,
              (x, y) ->
                  new CopyCheckpoint(
                      x.collection(),
                      y.lastId(),
                      x.copied() + y.copied(),
                      x.bytes() + y.bytes(),
                      x.range()));
        }
      } catch (RuntimeException ignored) {
        // A checkpoint from another version of the activity only costs the live count.
      }
    }
    return live;
  }
}
