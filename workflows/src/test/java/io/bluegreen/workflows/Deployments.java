package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Start, await and decide, declared once for every test that drives a deployment: the workflow
 * tests on the time-skipping test server ({@link DeploymentFixture}) and the end-to-end tests on a
 * real local stack (starter's {@code LocalStackFixture}). Whatever the server, a deployment is
 * started as the CLI starts it, awaited through its {@code status} query, and decided through the
 * decision's Update.
 */
public final class Deployments {
  private Deployments() {}

  /** A stub for a new deployment on the deployment's task queue, not yet started. */
  public static BlueGreenDeploymentWorkflow stub(
      WorkflowClient client, String workflowId, WorkflowOptions.Builder options) {
    return client.newWorkflowStub(
        BlueGreenDeploymentWorkflow.class,
        options.setTaskQueue(TaskQueues.BLUE_GREEN).setWorkflowId(workflowId).build());
  }

  /** Starts {@code request} as deployment {@code workflowId}. */
  public static BlueGreenDeploymentWorkflow start(
      WorkflowClient client,
      String workflowId,
      WorkflowOptions.Builder options,
      DeploymentRequest request) {
    BlueGreenDeploymentWorkflow wf = stub(client, workflowId, options);
    WorkflowClient.start(wf::deploy, request);
    return wf;
  }

  /**
   * Polls the status query every {@code every} until {@code condition} holds; fails with the last
   * status once {@code timeout} has passed. A query has nothing to block on, hence the polling.
   */
  public static DeploymentStatus await(
      BlueGreenDeploymentWorkflow wf,
      Duration timeout,
      Duration every,
      Predicate<DeploymentStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    DeploymentStatus s = wf.status();
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + timeout + "; last status " + s);
      }
      Thread.sleep(every.toMillis());
      s = wf.status();
    }
    return s;
  }

  public static DeploymentStatus awaitPhase(
      BlueGreenDeploymentWorkflow wf, Duration timeout, Duration every, Phase phase)
      throws InterruptedException {
    return await(wf, timeout, every, s -> s.phase() == phase);
  }

  /** The deployment's result: waits for its end. */
  public static DeploymentStatus result(BlueGreenDeploymentWorkflow wf) {
    return WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
  }

  public static OperatorSignal by(String who) {
    return new OperatorSignal(who, "test");
  }

  /** Sends {@code decision} as its Update, as the CLI does, and returns the workflow's answer. */
  public static DecisionResult decide(
      BlueGreenDeploymentWorkflow wf, Decision decision, String who) {
    return WorkflowStub.fromTyped(wf).update(decision.wire(), DecisionResult.class, by(who));
  }
}
