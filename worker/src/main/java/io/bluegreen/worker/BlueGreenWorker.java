package io.bluegreen.worker;

import io.bluegreen.activities.BlueGreenActivities;
import io.bluegreen.activities.Connections;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflowImpl;
import io.bluegreen.workflows.BlueGreenPlanWorkflowImpl;
import io.bluegreen.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The deployment workflow, the read-only plan workflow and their activities, polling the {@code blue-green} task queue. */
public final class BlueGreenWorker {
  private final WorkerFactory factory;

  public BlueGreenWorker(WorkflowClient client, Connections connections) {
    this.factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivityEventLog()).build());
    Worker worker = factory.newWorker(TaskQueues.BLUE_GREEN);
    worker.registerWorkflowImplementationTypes(
        BlueGreenDeploymentWorkflowImpl.class, BlueGreenPlanWorkflowImpl.class);
    worker.registerActivitiesImplementations(BlueGreenActivities.create(connections).toArray());
  }

  public void start() {
    factory.start();
  }

  /**
   * Stops polling and lets running activities finish for up to {@code grace}. Whatever is cut
   * off is retried by Temporal on another worker and resumes from its last heartbeat.
   */
  public void shutdown(Duration grace) {
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
    }
  }

  public WorkerFactory factory() {
    return factory;
  }
}
