package io.bluegreen.workflows;

import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Writes the committed histories that {@link WorkflowReplayTest} replays, one per shape a history
 * can take, all of the current generation ({@link Versions#CURRENT}). Run it when the floor is
 * raised (then the old files go: see docs/versioning.md), or with a suffix for a new generation
 * when {@link Versions#CURRENT} is raised (e.g. {@code -g2}): histories of running deployments
 * must keep replaying, so their files stay until the floor passes them.
 *
 * <pre>mvn -q -pl workflows -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd workflows && java -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" io.bluegreen.workflows.HistoryRecorder src/test/resources/histories [SUFFIX]</pre>
 */
public final class HistoryRecorder {
  /** One way a deployment can go: sets up the fake platforms, then drives the workflow to its end. */
  interface Scenario {
    default void setUp(FakePlatforms platforms) {}

    default DeploymentRequest request() {
      return BlueGreenDeploymentWorkflowTest.request();
    }

    void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms platforms) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    String suffix = args.length > 1 ? args[1] : "";
    Files.createDirectories(dir);
    for (Map.Entry<String, Scenario> e : scenarios().entrySet()) {
      record(dir.resolve(e.getKey() + suffix + ".json"), "bluegreen-" + e.getKey(), e.getValue());
    }
  }

  static Map<String, Scenario> scenarios() {
    Map<String, Scenario> s = new LinkedHashMap<>();
    OperatorSignal by = new OperatorSignal("recorder", "history");
    s.put("full-deployment", (wf, p) -> {
      wf.rollbackDecision(by); // out of phase: recorded as rejected
      wf.approveCutoverDecision(by);
      await(wf, Phase.LIVE);
      wf.finalizeDecision(by);
    });
    s.put("rollback", (wf, p) -> {
      wf.approveCutover(by); // the signal, for clients that can only signal
      await(wf, Phase.LIVE);
      wf.rollbackDecision(by);
    });
    s.put("abort", (wf, p) -> wf.abortDecision(by));
    s.put("health-rollback", new Scenario() {
      @Override
      public void setUp(FakePlatforms platforms) {
        platforms.greenFails = new CountDownLatch(1);
      }

      @Override
      public DeploymentRequest request() {
        return BlueGreenDeploymentWorkflowTest.withGreenHealthAndWebhook();
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
        wf.approveCutoverDecision(by);
        await(wf, Phase.LIVE);
        while (!p.calls.contains("watch green")) {
          Thread.sleep(20);
        }
        p.greenFails.countDown();
      }
    });
    s.put("drain-timeout", new Scenario() {
      @Override
      public void setUp(FakePlatforms platforms) {
        platforms.drains = false;
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
        wf.approveCutoverDecision(by); // then nobody decides: Blue is restored after the decision timeout
      }
    });
    s.put("resync", (wf, p) -> {
      wf.resyncDecision(by);
      while (p.callsStartingWith("verify").size() < 2 * p.blueCollections.size() || wf.status().phase() != Phase.AWAITING_APPROVAL) {
        Thread.sleep(20);
      }
      wf.abortDecision(by);
    });
    s.put("restore-after-failure", new Scenario() {
      @Override
      public void setUp(FakePlatforms platforms) {
        platforms.failSwitch = "green.taskWorker";
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
        wf.approveCutoverDecision(by);
      }
    });
    s.put("cancel", (wf, p) -> {
      wf.approveCutoverDecision(by);
      await(wf, Phase.LIVE);
      WorkflowStub.fromTyped(wf).cancel();
    });
    s.put("conflict-halt", new Scenario() {
      @Override
      public void setUp(FakePlatforms platforms) {
        platforms.conflicts = 2;
        platforms.blueChangesPerPass = 1;
        platforms.greenOwnChanges = 5;
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
        wf.approveCutoverDecision(by);
        while (wf.status().conflictsTotal() == null || wf.status().phase() != Phase.AWAITING_APPROVAL) {
          Thread.sleep(20);
        }
        wf.resyncDecision(new OperatorSignal("recorder", "Blue is right", "blue-wins", null));
        while (wf.status().conflictsTotal() != 0 || wf.status().phase() != Phase.AWAITING_APPROVAL) {
          Thread.sleep(20);
        }
        wf.approveCutoverDecision(by);
        await(wf, Phase.LIVE);
        wf.finalizeDecision(by);
      }
    });
    s.put("parallel-limit", new Scenario() {
      @Override
      public DeploymentRequest request() {
        DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
        // 3 collections, 2 at a time: the copy waits for a free slot.
        return new DeploymentRequest(r.deployment(), r.blue(), r.green(), null, null, new CopyOptions(100, 2, true), null, null, null);
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
        wf.abortDecision(by);
      }
    });
    return s;
  }

  private static void record(Path file, String id, Scenario scenario) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute(SearchAttributes.PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      FakePlatforms platforms = new FakePlatforms(3, 1000);
      platforms.differencesPerCollection = 1;
      scenario.setUp(platforms);
      Worker worker = env.newWorker(TaskQueues.BLUE_GREEN);
      worker.registerWorkflowImplementationTypes(BlueGreenDeploymentWorkflowImpl.class);
      worker.registerActivitiesImplementations(platforms);
      env.newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN)).registerActivitiesImplementations(platforms);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      // Started with the phase attribute, as the CLI starts deployments, so the history has upserts.
      BlueGreenDeploymentWorkflow wf = client.newWorkflowStub(BlueGreenDeploymentWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.BLUE_GREEN).setWorkflowId(id)
              .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
                  .set(SearchAttributes.PHASE, Phase.PREFLIGHT.name()).build())
              .build());
      WorkflowClient.start(wf::deploy, scenario.request());
      await(wf, Phase.AWAITING_APPROVAL);
      scenario.drive(wf, platforms);
      try {
        WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class);
      } catch (RuntimeException expected) {
        // failed and cancelled deployments are histories too
      }
      Files.writeString(file, client.fetchHistory(id).toJson(true));
      System.out.println("recorded " + file);
    }
  }

  static void await(BlueGreenDeploymentWorkflow wf, Phase phase) throws InterruptedException {
    while (wf.status().phase() != phase) {
      Thread.sleep(20);
    }
  }
}
