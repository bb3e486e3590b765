package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One blue-green deployment of an Itential Platform stack. The names here are the contract that
 * users type into the Temporal UI and CLI; they must never change.
 *
 * <p>Each operator decision exists twice under one name: as an Update, which answers at once with
 * {@link DecisionResult} (accepted or not, and why), and as a signal for clients that can only
 * signal. Both land in the same decision inbox and are recorded in the status.
 */
@WorkflowInterface
public interface BlueGreenDeploymentWorkflow {
  String WORKFLOW_TYPE = "BlueGreenDeployment";

  String APPROVE_CUTOVER = "approveCutover";
  String ROLLBACK = "rollback";
  String ABORT = "abort";
  String RESYNC = "resync";
  String FINALIZE = "finalize";
  String CARRY_BACK = "carryBack";
  String DIFF = "diff";
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
          "Restore Blue: its switches on and traffic back, then Green off. Accepted in LIVE, and in CUTTING_OVER once a Blue switch changed. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
  void rollback(OperatorSignal signal);

  @SignalMethod(
      name = ABORT,
      description =
          "Stop the deployment with Blue serving. Accepted from PREFLIGHT to AWAITING_APPROVAL, and in CUTTING_OVER until Green is switched on. Argument: {\"by\": \"name\", \"reason\": \"why\"}")
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

  @SignalMethod(
      name = CARRY_BACK,
      description =
          "Carry Green's changes since the cutover of the named collections back to Blue (three-way: a document Blue also changed is listed as a conflict, never overwritten). Accepted in LIVE (applied right after a rollback restores Blue) and after a rollback from LIVE until the deployment ends. Argument: {\"by\": \"name\", \"reason\": \"why\", \"collections\": [\"name\"]}")
  void carryBack(OperatorSignal signal);

  @UpdateMethod(
      name = APPROVE_CUTOVER,
      description = "Approve the cutover to Green; answers {accepted, phase, note}")
  DecisionResult approveCutoverDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = APPROVE_CUTOVER)
  void validateApproveCutover(OperatorSignal decision);

  @UpdateMethod(
      name = ROLLBACK,
      description = "Restore Blue (Blue first, then Green off); answers {accepted, phase, note}")
  DecisionResult rollbackDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = ROLLBACK)
  void validateRollback(OperatorSignal decision);

  @UpdateMethod(
      name = ABORT,
      description = "Stop the deployment with Blue serving; answers {accepted, phase, note}")
  DecisionResult abortDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = ABORT)
  void validateAbort(OperatorSignal decision);

  @UpdateMethod(
      name = RESYNC,
      description = "Sync Green with Blue again; answers {accepted, phase, note}")
  DecisionResult resyncDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = RESYNC)
  void validateResync(OperatorSignal decision);

  @UpdateMethod(
      name = FINALIZE,
      description = "End the failover window; answers {accepted, phase, note}")
  DecisionResult finalizeDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = FINALIZE)
  void validateFinalize(OperatorSignal decision);

  @UpdateMethod(
      name = CARRY_BACK,
      description =
          "Carry Green's changes of the named collections back to Blue; answers {accepted, phase, note}")
  DecisionResult carryBackDecision(OperatorSignal decision);

  @UpdateValidatorMethod(updateName = CARRY_BACK)
  void validateCarryBack(OperatorSignal decision);

  /**
   * Green's changes since the cutover (against the final pass's baseline), compared now when {@code
   * fresh} and the baseline is still there (LIVE, or a rollback waiting for a decision), else the
   * last comparison. Not a decision: nothing changes but the status's {@code greenChanges}.
   */
  @UpdateMethod(
      name = DIFF,
      description =
          "Green's changes since the cutover, per collection (created, changed, deleted, with ids). Argument: {\"fresh\": true} to compare now")
  GreenChanges diff(DiffRequest request);

  @UpdateValidatorMethod(updateName = DIFF)
  void validateDiff(DiffRequest request);

  @QueryMethod(
      name = STATUS,
      description = "Phase, per-collection progress, approvals, rejected signals, events and error")
  DeploymentStatus status();
}
