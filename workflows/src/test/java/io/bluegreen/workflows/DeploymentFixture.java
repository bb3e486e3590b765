package io.bluegreen.workflows;

import static io.bluegreen.workflows.SearchAttributes.DEPLOYMENT;
import static io.bluegreen.workflows.SearchAttributes.PHASE;

import io.bluegreen.workflows.activities.SearchIndexActivities;
import io.bluegreen.workflows.activities.SearchIndexInput;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one workflow test fixture: a time-skipping test server with bluegreen's search attributes
 * registered (or not: {@link #searchAttributes}), the deployment workflow on the main queue and the
 * activities on both queues (the main one and the cutover's), and the helpers every workflow test
 * needs: start and await (deciding and results: {@link Deployments}). Used as a JUnit 5 extension
 * ({@code @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();}, a fresh
 * server per test), and by {@link HistoryRecorder} through {@link #open()}. The workers start with
 * the first {@link #start}, so a test may first choose the activities ({@link #activities}), the
 * platforms' shape or the worker's options.
 */
final class DeploymentFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  /** How long a wait for a status may take before the test fails with the last status. */
  static final long AWAIT_SECONDS = 60;

  private TestWorkflowEnvironment env;
  private Worker worker;
  private boolean started;
  private int startedIds;
  private FakePlatforms platforms = new FakePlatforms(2, 100);
  private Object[] activities;
  private WorkerOptions workerOptions = WorkerOptions.getDefaultInstance();
  private WorkerFactoryOptions factoryOptions;
  private WorkflowImplementationOptions implementationOptions =
      WorkflowImplementationOptions.getDefaultInstance();
  private boolean searchAttributesRegistered = true;
  private final NamespaceIndex namespaceIndex = new NamespaceIndex();

  /** Outside JUnit (the history recorder): a fixture with its server already up; close it. */
  static DeploymentFixture open() {
    DeploymentFixture f = new DeploymentFixture();
    f.beforeEach(null);
    return f;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    started = false;
    env = null;
  }

  private TestWorkflowEnvironment env() {
    if (env == null) {
      TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
      if (factoryOptions != null) {
        options.setWorkerFactoryOptions(factoryOptions);
      }
      env = TestWorkflowEnvironment.newInstance(options.build());
      if (searchAttributesRegistered) {
        env.registerSearchAttribute(
            DEPLOYMENT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
    }
    return env;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    if (env != null) {
      env.close();
    }
  }

  // ---- before the first start
  // ---------------------------------------------------------------------

  /** The fake platforms the activities act on (unless {@link #activities} replaced them). */
  FakePlatforms platforms() {
    return platforms;
  }

  DeploymentFixture platforms(FakePlatforms p) {
    platforms = p;
    return this;
  }

  /** Other activity implementations (e.g. Mockito mocks) instead of the fake platforms. */
  DeploymentFixture activities(Object... implementations) {
    activities = implementations;
    return this;
  }

  DeploymentFixture workerOptions(WorkerOptions options) {
    workerOptions = options;
    return this;
  }

  /**
   * Worker factory options (e.g. no workflow cache, so every task replays); before anything else.
   */
  DeploymentFixture factoryOptions(WorkerFactoryOptions options) {
    factoryOptions = options;
    return this;
  }

  /**
   * Whether the test server's namespace has bluegreen's search attributes (default: registered),
   * which is also what the namespace's {@link SearchIndexActivities} answer says; before anything
   * else.
   */
  DeploymentFixture searchAttributes(boolean registered) {
    searchAttributesRegistered = registered;
    return this;
  }

  /**
   * The labels the workflow asked the namespace about, in order (once per deployment started
   * without attributes).
   */
  List<String> searchIndexQuestions() {
    return namespaceIndex.asked;
  }

  /**
   * Holds the namespace's answers until the returned latch is counted down (an answer the workflow
   * waits for).
   */
  CountDownLatch holdSearchIndexAnswers() {
    namespaceIndex.gate = new CountDownLatch(1);
    return namespaceIndex.gate;
  }

  DeploymentFixture implementationOptions(WorkflowImplementationOptions options) {
    implementationOptions = options;
    return this;
  }

  // ---- running
  // ------------------------------------------------------------------------------------

  TestWorkflowEnvironment environment() {
    return env();
  }

  WorkflowClient client() {
    return env().getWorkflowClient();
  }

  /** The main queue's worker (started by the first {@link #start}). */
  Worker worker() {
    startWorkers();
    return worker;
  }

  private void startWorkers() {
    if (started) {
      return;
    }
    Object[] impls = activities != null ? activities : new Object[] {platforms};
    worker = env().newWorker(TaskQueues.BLUE_GREEN, workerOptions);
    worker.registerWorkflowImplementationTypes(
        implementationOptions, BlueGreenDeploymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(impls);
    worker.registerActivitiesImplementations(namespaceIndex);
    env()
        .newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN))
        .registerActivitiesImplementations(impls);
    env().start();
    started = true;
  }

  /** Starts a deployment with a fresh workflow id. */
  BlueGreenDeploymentWorkflow start(DeploymentRequest request) {
    return start("bluegreen-test-" + (++startedIds), request);
  }

  /**
   * Starts a deployment as the CLI does: with its id and, when the namespace has them, the search
   * attributes (the label and PREFLIGHT).
   */
  BlueGreenDeploymentWorkflow start(String workflowId, DeploymentRequest request) {
    startWorkers();
    return Deployments.start(client(), workflowId, options(workflowId, request), request);
  }

  /**
   * Starts a deployment as any other client does (the Temporal UI's form, another SDK): no search
   * attributes.
   */
  BlueGreenDeploymentWorkflow startAsAnyClient(String workflowId, DeploymentRequest request) {
    startWorkers();
    return Deployments.start(client(), workflowId, WorkflowOptions.newBuilder(), request);
  }

  /**
   * The CLI's options: the label and PREFLIGHT as search attributes, when the namespace has them.
   */
  private WorkflowOptions.Builder options(String workflowId, DeploymentRequest request) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder();
    if (searchAttributesRegistered) {
      String label =
          request == null || request.deployment() == null ? workflowId : request.deployment();
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder()
              .set(DEPLOYMENT, label)
              .set(PHASE, Phase.PREFLIGHT.name())
              .build());
    }
    return options;
  }

  /** What the worker's activity answers, from what this test server has registered. */
  final class NamespaceIndex implements SearchIndexActivities {
    /**
     * What a worker with payload encryption indexes instead of the label; here recognisably not the
     * label.
     */
    static final String PSEUDONYM_PREFIX = "p-of-";

    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate;

    @Override
    public SearchIndexResult describeSearchIndex(SearchIndexInput input) {
      asked.add(input.deployment());
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return searchAttributesRegistered
          ? new SearchIndexResult(true, PSEUDONYM_PREFIX + input.deployment(), null)
          : SearchIndexResult.notRegistered(
              "namespace 'default' has no search attribute " + DEPLOYMENT.getName());
    }
  }

  // ---- await: the shared Deployments, with this server's bounds (result, by, decide:
  // Deployments')

  /**
   * Polls the status query until {@code condition} holds; fails with the last status after a bound.
   */
  static DeploymentStatus await(
      BlueGreenDeploymentWorkflow wf, Predicate<DeploymentStatus> condition)
      throws InterruptedException {
    return Deployments.await(
        wf, Duration.ofSeconds(AWAIT_SECONDS), Duration.ofMillis(20), condition);
  }

  static DeploymentStatus awaitPhase(BlueGreenDeploymentWorkflow wf, Phase phase)
      throws InterruptedException {
    return await(wf, s -> s.phase() == phase);
  }
}
