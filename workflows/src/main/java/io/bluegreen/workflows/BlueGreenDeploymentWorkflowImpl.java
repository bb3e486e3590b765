package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;

/** WORK IN PROGRESS: being written; the worker registers this class. */
public class BlueGreenDeploymentWorkflowImpl implements BlueGreenDeploymentWorkflow {
  @Override
  public DeploymentStatus deploy(DeploymentRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void approveCutover(OperatorSignal signal) {}

  @Override
  public void rollback(OperatorSignal signal) {}

  @Override
  public void abort(OperatorSignal signal) {}

  @Override
  public void resync(OperatorSignal signal) {}

  @Override
  public void finalizeDeployment(OperatorSignal signal) {}

  @Override
  public DeploymentStatus status() {
    return null;
  }
}
