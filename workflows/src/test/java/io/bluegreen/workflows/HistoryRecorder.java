package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Writes the committed histories that {@link WorkflowReplayTest} replays, one per shape a history
 * can take, all of the current generation ({@link Versions#CURRENT}). Run it when the floor is
 * raised (then the old files go: see docs/versioning.md), or with a suffix for a new generation
 * when {@link Versions#CURRENT} is raised (e.g. {@code -g2}): histories of running deployments must
 * keep replaying, so their files stay until the floor passes them.
 *
 * <pre>
 * mvn -q -pl workflows -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd workflows && java -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" io.bluegreen.workflows.HistoryRecorder src/test/resources/histories [SUFFIX]
 * </pre>
 */
public final class HistoryRecorder {
  /**
   * One way a deployment can go: sets up the fake platforms, then drives the workflow to its end.
   */
  interface Scenario {
    default void setUp(FakePlatforms platforms) {}

    default DeploymentRequest request() {
      return BlueGreenDeploymentWorkflowTest.request();
    }

    void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms platforms) throws Exception;

    /**
     * Started as the Temporal UI or another SDK starts it: no search attributes, so the workflow
     * asks and indexes itself.
     */
    default boolean anyClient() {
      return false;
    }

    /**
     * The generation that introduced the scenario: those above the floor have no floor history (the
     * lead records them with the generation's suffix, e.g. {@code -g2}).
     */
    default int since() {
      return Versions.FLOOR;
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    String suffix = args.length > 1 ? args[1] : "";
    Files.createDirectories(dir);
    for (Map.Entry<String, Scenario> e : scenarios().entrySet()) {
      record(dir.resolve(e.getKey() + suffix + ".json"), "bluegreen-" + e.getKey(), e.getValue());
    }
  }

  /**
   * Shapes only generation 2 takes ({@link Versions#WINDOW}): no floor history holds them; {@link
   * #scenarios()} marks them {@link Scenario#since()} generation 2.
   */
  private static Map<String, Scenario> windowScenarios() {
    Map<String, Scenario> s = new LinkedHashMap<>();
    OperatorSignal by = new OperatorSignal("recorder", "history");
    s.put(
        "live-blue-changes",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            // The first comparison carries an insert and an edit and finds a conflict; the second
            // is cut short by the finalize; the last one, at finalize, finds nothing new.
            platforms.liveFindings.add(
                List.of(
                    new LiveCollectionResult(
                        "collection_0",
                        1,
                        1,
                        0,
                        0,
                        1,
                        0,
                        List.of(
                            new LiveChange("\"n1\"", "inserted", LiveChange.CARRIED, null, null),
                            new LiveChange("\"e1\"", "updated", LiveChange.CARRIED, null, null),
                            new LiveChange(
                                "\"c1\"", "updated", LiveChange.CONFLICT, "updated", null)),
                        null)));
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            DeploymentFixture.await(wf, st -> st.liveChanges() != null);
            clock.accept(Duration.ofMinutes(1));
            DeploymentFixture.await(wf, st -> st.liveChanges().passes() == 1);
            p.liveGate = new CountDownLatch(1);
            clock.accept(Duration.ofMinutes(1));
            DeploymentFixture.await(wf, st -> p.callsStartingWith("catch-up").size() == 2);
            wf.finalizeDecision(by); // cancels the running comparison, then the last one
            p.liveGate.countDown();
          }
        });
    s.put(
        "fence-jobs-cancel",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.drains = false; // the drain times out: cancel, not a decision
            platforms.blueJobs.put("job-1", "running");
            platforms.blueJobs.put("job-2", "paused");
            platforms.blueJobs.put("job-3", "error");
            platforms.switches.put("blue.startJobs", false); // off before: restored off
          }

          @Override
          public DeploymentRequest request() {
            return BlueJobsAndFenceWorkflowTest.request(BlueJobsPolicy.CANCEL, null);
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            wf.rollbackDecision(by);
          }
        });
    s.put(
        "overlap-drain",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.blueJobs.put("job-1", "running");
            platforms.blueJobs.put("job-2", "paused");
          }

          @Override
          public DeploymentRequest request() {
            return BlueJobsAndFenceWorkflowTest.request(null, true);
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            wf.finalizeDecision(by);
          }
        });
    s.put(
        "ranged-copy",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.ranges = RangedCopyWorkflowTest.ranges(); // four ranges per collection
          }

          @Override
          public DeploymentRequest request() {
            DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
            return new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green(),
                null,
                null,
                new CopyOptions(100, 2, true, 0, 50, 4),
                null,
                null,
                null);
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            wf.finalizeDecision(by);
          }
        });
    return s;
  }

  /** Advances the recording server's clock (set by {@link #record}). */
  private static Consumer<Duration> clock = d -> {};

  /** The scenario as it is, marked as introduced by {@code generation}. */
  private static Scenario since(int generation, Scenario scenario) {
    return new Scenario() {
      @Override
      public void setUp(FakePlatforms platforms) {
        scenario.setUp(platforms);
      }

      @Override
      public DeploymentRequest request() {
        return scenario.request();
      }

      @Override
      public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms platforms) throws Exception {
        scenario.drive(wf, platforms);
      }

      @Override
      public boolean anyClient() {
        return scenario.anyClient();
      }

      @Override
      public int since() {
        return generation;
      }
    };
  }

  static Map<String, Scenario> scenarios() {
    Map<String, Scenario> s = new LinkedHashMap<>();
    OperatorSignal by = new OperatorSignal("recorder", "history");
    s.put(
        "full-deployment",
        (wf, p) -> {
          wf.rollbackDecision(by); // out of phase: recorded as rejected
          wf.approveCutoverDecision(by);
          await(wf, Phase.LIVE);
          wf.finalizeDecision(by);
        });
    s.put(
        "any-client",
        new Scenario() {
          @Override
          public boolean anyClient() {
            return true;
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            wf.finalizeDecision(by);
          }
        });
    s.put(
        "rollback",
        (wf, p) -> {
          wf.approveCutover(by); // the signal, for clients that can only signal
          await(wf, Phase.LIVE);
          wf.rollbackDecision(by);
        });
    s.put("abort", (wf, p) -> wf.abortDecision(by));
    s.put(
        "health-rollback",
        new Scenario() {
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
            DeploymentFixture.await(wf, st -> p.calls.contains("watch green"));
            p.greenFails.countDown();
          }
        });
    s.put(
        "drain-timeout",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.drains = false;
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
            wf.approveCutoverDecision(
                by); // then nobody decides: Blue is restored after the decision timeout
          }
        });
    s.put(
        "resync",
        (wf, p) -> {
          wf.resyncDecision(by);
          DeploymentFixture.await(
              wf,
              st ->
                  p.callsStartingWith("verify").size() >= 2 * p.blueCollections.size()
                      && st.phase() == Phase.AWAITING_APPROVAL);
          wf.abortDecision(by);
        });
    s.put(
        "restore-after-failure",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.failSwitch = "green.taskWorker";
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
            wf.approveCutoverDecision(by);
          }
        });
    s.put(
        "cancel",
        (wf, p) -> {
          wf.approveCutoverDecision(by);
          await(wf, Phase.LIVE);
          WorkflowStub.fromTyped(wf).cancel();
        });
    s.put(
        "conflict-halt",
        new Scenario() {
          @Override
          public void setUp(FakePlatforms platforms) {
            platforms.conflicts = 2;
            platforms.blueChangesPerPass = 1;
            platforms.greenOwnChanges = 5;
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            DeploymentFixture.await(
                wf, st -> st.conflictsTotal() != null && st.phase() == Phase.AWAITING_APPROVAL);
            wf.resyncDecision(new OperatorSignal("recorder", "Blue is right", "blue-wins", null));
            DeploymentFixture.await(
                wf, st -> st.conflictsTotal() == 0 && st.phase() == Phase.AWAITING_APPROVAL);
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            wf.finalizeDecision(by);
          }
        });
    s.put(
        "parallel-limit",
        new Scenario() {
          @Override
          public DeploymentRequest request() {
            DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
            // 3 collections, 2 at a time: the copy waits for a free slot.
            return new DeploymentRequest(
                r.deployment(),
                r.blue(),
                r.green(),
                null,
                null,
                new CopyOptions(100, 2, true),
                null,
                null,
                null);
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) {
            wf.abortDecision(by);
          }
        });
    s.put(
        "rollback-with-green-changes",
        new Scenario() {
          @Override
          public int since() {
            return Versions.WINDOW;
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            p.greenLiveChanges.put(
                "collection_0",
                List.of(
                    List.of("{\"$oid\": \"65f000000000000000000001\"}"),
                    List.of("{\"$oid\": \"65f000000000000000000002\"}"),
                    List.of()));
            wf.diff(new DiffRequest(true)); // a fresh comparison while LIVE
            wf.rollbackDecision(by);
            DeploymentFixture.await(
                wf,
                st ->
                    st.waitingFor() != null && st.waitingFor().startsWith("carryBack or finalize"));
            wf.finalizeDecision(by); // ends ROLLED_BACK without carrying back
          }
        });
    s.put(
        "carry-back",
        new Scenario() {
          @Override
          public int since() {
            return Versions.WINDOW;
          }

          @Override
          public void drive(BlueGreenDeploymentWorkflow wf, FakePlatforms p) throws Exception {
            wf.approveCutoverDecision(by);
            await(wf, Phase.LIVE);
            p.greenLiveChanges.put(
                "collection_0",
                List.of(
                    List.of("{\"$oid\": \"65f000000000000000000001\"}"),
                    List.of("{\"$oid\": \"65f000000000000000000002\"}"),
                    List.of()));
            p.greenLiveChanges.put(
                "collection_1",
                List.of(List.of(), List.of("{\"$oid\": \"65f000000000000000000003\"}"), List.of()));
            p.blueAlsoChanged.add("{\"$oid\": \"65f000000000000000000003\"}");
            // decided while LIVE: applied right after the rollback restores Blue
            wf.carryBack(
                new OperatorSignal("recorder", "history", null, null, List.of("collection_0")));
            wf.rollbackDecision(by);
            DeploymentFixture.await(
                wf,
                st ->
                    st.waitingFor() != null && st.waitingFor().startsWith("carryBack or finalize"));
            // the other collection after the rollback, as an Update: its conflict is listed
            wf.carryBackDecision(
                new OperatorSignal("recorder", "history", null, null, List.of("collection_1")));
          }
        });
    windowScenarios().forEach((name, scenario) -> s.put(name, since(Versions.WINDOW, scenario)));
    return s;
  }

  private static void record(Path file, String id, Scenario scenario) throws Exception {
    try (DeploymentFixture fixture = DeploymentFixture.open()) {
      FakePlatforms platforms = new FakePlatforms(3, 1000);
      platforms.differencesPerCollection = 1;
      scenario.setUp(platforms);
      // Started with the search attributes, as the CLI starts deployments, so the history has
      // upserts;
      // or without, as any other client, so the workflow asks and upserts them itself.
      fixture.platforms(platforms);
      clock = d -> fixture.environment().sleep(d);
      BlueGreenDeploymentWorkflow wf =
          scenario.anyClient()
              ? fixture.startAsAnyClient(id, scenario.request())
              : fixture.start(id, scenario.request());
      await(wf, Phase.AWAITING_APPROVAL);
      scenario.drive(wf, platforms);
      try {
        Deployments.result(wf);
      } catch (RuntimeException expected) {
        // failed and cancelled deployments are histories too
      }
      Files.writeString(file, fixture.client().fetchHistory(id).toJson(true));
      System.out.println("recorded " + file);
    }
  }

  static void await(BlueGreenDeploymentWorkflow wf, Phase phase) throws InterruptedException {
    DeploymentFixture.awaitPhase(wf, phase);
  }
}
