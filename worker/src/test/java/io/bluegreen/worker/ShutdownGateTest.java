package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShutdownGateTest {
  @ActivityInterface
  public interface Work {
    String work(String in);
  }

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    String call(String in);
  }

  public static class CallerImpl implements Caller {
    @Override
    public String call(String in) {
      return Workflow.newActivityStub(
              Work.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build())
          .work(in);
    }
  }

  @Test
  void activitiesRunUntilTheGateClosesAndAreHandedBackUnstartedAfter() {
    ShutdownGate gate = new ShutdownGate();
    AtomicInteger runs = new AtomicInteger();
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(gate).build())
                .build())) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(CallerImpl.class);
      worker.registerActivitiesImplementations(
          (Work)
              in -> {
                runs.incrementAndGet();
                return in + "!";
              });
      env.start();
      WorkflowOptions options = WorkflowOptions.newBuilder().setTaskQueue("q").build();
      assertEquals("a!", env.getWorkflowClient().newWorkflowStub(Caller.class, options).call("a"));

      gate.close();
      WorkflowFailedException e =
          assertThrows(
              WorkflowFailedException.class,
              () -> env.getWorkflowClient().newWorkflowStub(Caller.class, options).call("b"));
      ApplicationFailure handedBack =
          (ApplicationFailure) ((ActivityFailure) e.getCause()).getCause();
      assertEquals("io.temporal.client.ActivityWorkerShutdownException", handedBack.getType());
      assertEquals(1, runs.get(), "the activity did not run once the gate closed");
    }
  }
}
