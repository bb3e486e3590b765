package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CopyMetrics;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.worker.BlueGreenWorker;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A whole deployment (real workflow and activities on Temporal's in-process test server), for the
 * size of its history.
 */
final class DeploymentBench {
  private final MongoClient mongo;
  private final Connections connections;
  private final int collections;
  private final PrintStream out;

  DeploymentBench(MongoClient mongo, Connections connections, int collections, PrintStream out) {
    this.out = out;
    this.mongo = mongo;
    this.connections = connections;
    this.collections = collections;
  }

  void run(DevStack stack) throws Exception {
    String blueDb = "deploy_blue";
    String greenDb = "deploy_green";
    URI redis = URI.create(stack.redisUri());
    DemoPlatform platform = new DemoPlatform(2000, redis.getHost(), redis.getPort());
    platform.seed(mongo, blueDb, greenDb);
    MongoDatabase blue = mongo.getDatabase(blueDb);
    // The demo platform's copied collections; custom apps' models make up the rest.
    int extra = collections - DemoPlatform.copiedCollections().size();
    for (int i = 0; i < extra; i++) {
      BenchData.seed(
          blue.getCollection(String.format(Locale.ROOT, "custom_model_%02d", i)), 100, 100 + i);
    }
    // No Blue platform runs here to finish its jobs, so none is left running for the drain.
    blue.getCollection("jobs")
        .updateMany(Filters.eq("status", "running"), Updates.set("status", "complete"));

    // Real time: the approval timeout and failover window must not be skipped past.
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      BlueGreenWorker.register(
          env.newWorker(TaskQueues.BLUE_GREEN),
          env.newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN)),
          connections,
          CopyMetrics.NONE);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "bluegreen-" + blueDb;
      BlueGreenDeploymentWorkflow wf =
          client.newWorkflowStub(
              BlueGreenDeploymentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.BLUE_GREEN)
                  .setWorkflowId(id)
                  .build());
      DeploymentRequest request =
          new DeploymentRequest(
              "bench",
              new PlatformSpec("bench", blueDb, "bench", 0, "blue"),
              new PlatformSpec("bench", greenDb, "bench", 1, "green"),
              // No Itential API in the bench: its workers are the demo profile's own switch fields,
              // and the
              // traffic key goes to db 0 of the one Redis, Blue's db, named as preflight requires.
              null,
              new Switches("startJobs", "taskWorker"),
              null,
              null,
              new CutoverOptions(null, null, null).withTrafficRedisDb(0),
              null);
      long start = System.nanoTime();
      WorkflowClient.start(wf::deploy, request);
      DeploymentStatus s =
          await(wf, p -> p == Phase.AWAITING_APPROVAL || p.ordinal() >= Phase.LIVE.ordinal());
      if (s.phase() == Phase.AWAITING_APPROVAL) {
        wf.approveCutover(new OperatorSignal("bench", "bench run"));
        s = await(wf, p -> p == Phase.LIVE || p.ordinal() > Phase.LIVE.ordinal());
      }
      if (s.phase() == Phase.LIVE) {
        wf.finalizeDeployment(new OperatorSignal("bench", "bench run"));
      }
      DeploymentStatus result = client.newUntypedWorkflowStub(id).getResult(DeploymentStatus.class);
      double seconds = (System.nanoTime() - start) / 1e9;
      int events = client.fetchHistory(id).getHistory().getEventsCount();
      out.printf(
          Locale.ROOT,
          "deployment of %d collections: %d history events (%s, %d collections copied, %.1f s)%n",
          collections,
          events,
          result.phase(),
          result.collections().size(),
          seconds);
    } finally {
      env.close();
    }
  }

  private static DeploymentStatus await(BlueGreenDeploymentWorkflow wf, Predicate<Phase> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    DeploymentStatus s = wf.status();
    while (!done.test(s.phase()) && s.phase() != Phase.FAILED && s.phase() != Phase.ABORTED) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the deployment did not get on: " + s);
      }
      Thread.sleep(200);
      s = wf.status();
    }
    return s;
  }
}
