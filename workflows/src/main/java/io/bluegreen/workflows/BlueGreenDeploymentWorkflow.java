package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One blue-green deployment of an Itential Platform stack. The names here are the contract that
 * users type into the Temporal UI and CLI; they must never change.
 */
@WorkflowInterface
public interface BlueGreenDeploymentWorkflow {
  String WORKFLOW_TYPE = "BlueGreenDeployment";

  String APPROVE_CUTOVER = "approveCutover";
  String ROLLBACK = "rollback";
  String ABORT = "abort";
  String RESYNC = "resync";
  String FINALIZE = "finalize";
  String STATUS = "status";

  /** Runs the deployment to a terminal phase and returns its final status. */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  DeploymentStatus deploy(DeploymentRequest request);

  @SignalMethod(
      name = APPROVE_CUTOVER,
      description =
          "Approve the cutover to Green. Accepted in AWAITING_APPROVAL. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void approveCutover(OperatorSignal signal);

  @SignalMethod(
      name = ROLLBACK,
      description =
          "Roll traffic and workers back to Blue. Accepted in LIVE. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void rollback(OperatorSignal signal);

  @SignalMethod(
      name = ABORT,
      description =
          "Stop the deployment before cutover; Blue is untouched. Accepted from PREFLIGHT to AWAITING_APPROVAL. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void abort(OperatorSignal signal);

  @SignalMethod(
      name = RESYNC,
      description =
          "Re-verify every collection and copy what changed on Blue since. Accepted in AWAITING_APPROVAL. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void resync(OperatorSignal signal);

  @SignalMethod(
      name = FINALIZE,
      description =
          "End the failover window: Green stays live, the deployment completes. Accepted in LIVE. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void finalizeDeployment(OperatorSignal signal);

  @QueryMethod(
      name = STATUS,
      description = "Phase, per-collection progress, approvals, rejected signals, events and error")
  DeploymentStatus status();
}
