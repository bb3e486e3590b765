package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The plan: the same validation, defaults and Preflight activity the deployment starts with, and
 * nothing else. Unlike the deployment it does not retry forever: an operator is waiting at a
 * terminal for the answer, so a database that is down is reported after a few attempts.
 */
public class BlueGreenPlanWorkflowImpl implements BlueGreenPlanWorkflow {
  static final int MAX_ATTEMPTS = 3;

  @Override
  public PreflightReport plan(DeploymentRequest typed) {
    List<String> problems = RequestValidation.problems(typed);
    if (!problems.isEmpty()) {
      throw refused("invalid request: " + String.join("; ", problems));
    }
    DeploymentRequest request = RequestDefaults.apply(typed, Workflow.getInfo().getWorkflowId());
    PreflightActivities preflight =
        Workflow.newActivityStub(
            PreflightActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumAttempts(MAX_ATTEMPTS)
                        .build())
                .setSummary("plan: read-only preflight")
                .build());
    try {
      return preflight.preflight(PreflightInput.of(request));
    } catch (ActivityFailure e) {
      throw refused("preflight: " + FailureMessages.root(e));
    }
  }

  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, PLAN_REFUSED);
  }
}
