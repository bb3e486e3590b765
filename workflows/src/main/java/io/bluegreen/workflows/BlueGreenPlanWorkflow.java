package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A read-only dry run of a deployment request: validates it and runs only the Preflight activity,
 * which writes nothing, so it is safe against production. It runs on the worker because only the
 * worker holds the database connections.
 */
@WorkflowInterface
public interface BlueGreenPlanWorkflow {
  String WORKFLOW_TYPE = "BlueGreenPlan";

  /** Failure type of an invalid request or a refused preflight; its message says what to fix. */
  String PLAN_REFUSED = "PlanRefused";

  @WorkflowMethod(name = WORKFLOW_TYPE)
  PreflightReport plan(DeploymentRequest request);
}
