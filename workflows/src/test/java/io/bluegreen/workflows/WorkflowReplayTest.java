package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays committed histories of real runs against today's code: a change that would break
 * deployments already running (non-determinism) fails the build here instead of in production. The
 * histories are those of the floor generation ({@link Versions}), one per shape a history can take,
 * written by {@link HistoryRecorder}; a history from before the floor must stop at the tripwire
 * with the SDK's unsupported-version error.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkflowReplayTest {
  private static final Path DIR = Path.of("src/test/resources/histories");

  /**
   * The one history kept from before the floor: a full deployment of the last pre-floor release.
   */
  static final String PRE_FLOOR = "pre-floor-full-deployment.json";

  /** The suffix of the current generation's histories, e.g. {@code -g2}. */
  static final String CURRENT = "-g" + Versions.CURRENT;

  /** Every committed history of a supported generation: the floor's and each later one's. */
  static List<String> histories() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".json") && !f.equals(PRE_FLOOR))
          .sorted()
          .toList();
    }
  }

  /**
   * The floor's histories stay as long as the floor: deployments of that generation may still be
   * running (a scenario introduced later has none).
   */
  @Test
  void everyFloorScenarioKeepsItsFloorHistory() throws IOException {
    List<String> expected =
        HistoryRecorder.scenarios().entrySet().stream()
            .filter(e -> e.getValue().since() == Versions.FLOOR)
            .map(e -> e.getKey() + ".json")
            .sorted()
            .toList();
    assertEquals(expected, histories().stream().filter(f -> !f.contains("-g")).toList());
  }

  /** Every shape a history can take has a history of the generation new deployments run. */
  @Test
  void everyScenarioHasAHistoryOfTheCurrentGeneration() throws IOException {
    List<String> expected =
        HistoryRecorder.scenarios().keySet().stream()
            .map(name -> name + CURRENT + ".json")
            .sorted()
            .toList();
    assertEquals(
        expected, histories().stream().filter(f -> f.endsWith(CURRENT + ".json")).toList());
  }

  @ParameterizedTest
  @MethodSource("histories")
  void committedHistoryReplays(String file) throws Exception {
    replay(file, BlueGreenDeploymentWorkflowImpl.class);
  }

  /**
   * The tripwire: a run from before the floor lacks the generation marker and stops at once, by
   * name.
   */
  @Test
  void aPreFloorHistoryFailsAtTheTripwire() {
    Exception e =
        assertThrows(
            Exception.class, () -> replay(PRE_FLOOR, BlueGreenDeploymentWorkflowImpl.class));
    String causes = rootCauses(e);
    assertTrue(
        causes.contains("Unsupported") && causes.contains(Versions.DEPLOYMENT),
        "expected the SDK's unsupported-version error for "
            + Versions.DEPLOYMENT
            + ", got "
            + causes);
  }

  /** The replayer is not vacuous: a workflow that issues one more command first is caught. */
  @ParameterizedTest
  @ValueSource(strings = {"full-deployment.json", "conflict-halt.json", "rollback.json"})
  void aChangedWorkflowFailsReplay(String file) {
    Exception e = assertThrows(Exception.class, () -> replay(file, ChangedWorkflow.class));
    assertTrue(
        rootCauses(e).contains("NonDeterministicException"),
        "expected a non-determinism error, got " + e);
  }

  /** Today's workflow with one unversioned change: a timer before anything else. */
  public static class ChangedWorkflow extends BlueGreenDeploymentWorkflowImpl {
    @Override
    public DeploymentStatus deploy(DeploymentRequest request) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.deploy(request);
    }
  }

  private static void replay(String file, Class<?> implementation) throws Exception {
    Path path = DIR.resolve(file);
    assertTrue(Files.exists(path), "missing committed history " + path);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // A cold JVM on a busy 2-core machine can take over a second on the first workflow task;
      // the SDK's 1 s deadlock detector would then fail a history that replays fine.
      Worker worker =
          env.newWorker(
              TaskQueues.BLUE_GREEN,
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(implementation);
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(Files.readString(path)), worker);
    }
  }

  private static String rootCauses(Throwable e) {
    StringBuilder names = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      names.append(t.getClass().getName()).append(' ').append(t.getMessage()).append('\n');
    }
    return names.toString();
  }
}
