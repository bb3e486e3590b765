package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.SearchIndexActivities;
import io.bluegreen.workflows.activities.SearchIndexInput;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The activity against a server without the operator API's list (Temporal's Java test server, which
 * the local stack falls back to without the temporal CLI): one attempt answers "not registered"
 * with the reason, through the worker's own connection, instead of failing and being retried.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SearchIndexOnTestServerTest {
  @WorkflowInterface
  public interface Ask {
    @WorkflowMethod
    SearchIndexResult ask(String label);
  }

  public static class AskImpl implements Ask {
    @Override
    public SearchIndexResult ask(String label) {
      return Workflow.newActivityStub(
              SearchIndexActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build())
          .describeSearchIndex(new SearchIndexInput(label));
    }
  }

  @Test
  void aServerWithoutTheListAnswersNotRegisteredInOneAttempt() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("ask");
      worker.registerWorkflowImplementationTypes(AskImpl.class);
      worker.registerActivitiesImplementations(new SearchIndexActivitiesImpl(Optional.empty()));
      env.start();
      SearchIndexResult r =
          env.getWorkflowClient()
              .newWorkflowStub(Ask.class, WorkflowOptions.newBuilder().setTaskQueue("ask").build())
              .ask("q4-upgrade");
      assertFalse(r.registered());
      assertTrue(
          r.note().contains("BlueGreenDeployment") && r.note().contains("UNIMPLEMENTED"), r.note());
    }
  }
}
