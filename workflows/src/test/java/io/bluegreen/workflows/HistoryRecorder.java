package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the committed histories that {@link WorkflowReplayTest} replays. Run it only when a
 * change to the workflow is intended and versioned with {@code Workflow.getVersion}:
 * {@code mvn -pl workflows test-compile exec:java}-style, or from an IDE, with the resources folder
 * as its argument. Histories of running deployments must keep replaying, so old files stay.
 */
public final class HistoryRecorder {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    record(dir.resolve("full-deployment.json"), "bluegreen-full", "finalize");
    record(dir.resolve("rollback.json"), "bluegreen-rollback", "rollback");
    record(dir.resolve("abort.json"), "bluegreen-abort", "abort");
    record(dir.resolve("health-rollback.json"), "bluegreen-health", "health");
  }

  private static void record(Path file, String id, String ending) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      FakePlatforms platforms = new FakePlatforms(3, 1000);
      platforms.differencesPerCollection = 1;
      boolean health = ending.equals("health");
      if (health) {
        platforms.greenFails = new java.util.concurrent.CountDownLatch(1);
      }
      Worker worker = env.newWorker(TaskQueues.BLUE_GREEN);
      worker.registerWorkflowImplementationTypes(BlueGreenDeploymentWorkflowImpl.class);
      worker.registerActivitiesImplementations(platforms);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      BlueGreenDeploymentWorkflow wf = client.newWorkflowStub(BlueGreenDeploymentWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.BLUE_GREEN).setWorkflowId(id).build());
      WorkflowClient.start(wf::deploy, health ? BlueGreenDeploymentWorkflowTest.withGreenHealthAndWebhook()
          : BlueGreenDeploymentWorkflowTest.request());
      await(wf, Phase.AWAITING_APPROVAL);
      OperatorSignal by = new OperatorSignal("recorder", ending);
      wf.rollback(by); // out of phase: recorded as rejected, part of every history
      if (ending.equals("abort")) {
        wf.abort(by);
      } else {
        wf.approveCutover(by);
        await(wf, Phase.LIVE);
        if (health) {
          while (!platforms.calls.contains("watch green")) {
            Thread.sleep(20);
          }
          platforms.greenFails.countDown();
        } else if (ending.equals("rollback")) {
          wf.rollback(by);
        } else {
          wf.finalizeDeployment(by);
        }
      }
      WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
      Files.writeString(file, client.fetchHistory(id).toJson(true));
    }
  }

  private static void await(BlueGreenDeploymentWorkflow wf, Phase phase) throws InterruptedException {
    while (wf.status().phase() != phase) {
      Thread.sleep(20);
    }
  }
}
