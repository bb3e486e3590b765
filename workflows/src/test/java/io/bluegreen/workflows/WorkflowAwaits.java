package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waiting on a deployment's status in workflow tests: a condition polled through the query, with a bound. */
final class WorkflowAwaits {
  private WorkflowAwaits() {}

  static DeploymentStatus await(BlueGreenDeploymentWorkflow wf, Predicate<DeploymentStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    DeploymentStatus s = wf.status();
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached; last status " + s);
      }
      Thread.sleep(20);
      s = wf.status();
    }
    return s;
  }

  static DeploymentStatus awaitPhase(BlueGreenDeploymentWorkflow wf, Phase phase) throws InterruptedException {
    return await(wf, s -> s.phase() == phase);
  }

  static DeploymentStatus result(BlueGreenDeploymentWorkflow wf) {
    return WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
  }

  static OperatorSignal by(String who) {
    return new OperatorSignal(who, "test");
  }
}
