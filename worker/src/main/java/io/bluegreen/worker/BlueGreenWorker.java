package io.bluegreen.worker;

import io.bluegreen.activities.BlueGreenActivities;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CopyMetrics;
import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflowImpl;
import io.bluegreen.workflows.BlueGreenPlanWorkflowImpl;
import io.bluegreen.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The deployment workflow, the read-only plan workflow and their activities, polling the {@code
 * blue-green} task queue, and the cutover's activities on {@code blue-green-cutover}.
 */
public final class BlueGreenWorker {
  static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(5);

  private final WorkerFactory factory;
  private final ShutdownGate gate = new ShutdownGate();

  public BlueGreenWorker(WorkflowClient client, Connections connections) {
    this(client, connections, null);
  }

  /**
   * @param metrics where activities and the workflow's phase are counted; null: no metrics
   */
  BlueGreenWorker(WorkflowClient client, Connections connections, WorkerMetrics metrics) {
    this(client, connections, metrics, null);
  }

  /**
   * @param sizing slots and identity of this process; null: the SDK's defaults (tests on the
   *     in-process test server)
   */
  BlueGreenWorker(
      WorkflowClient client, Connections connections, WorkerMetrics metrics, WorkerSizing sizing) {
    this(client, connections, metrics, sizing, Optional.empty());
  }

  /**
   * @param encryption the payload keys when the worker encrypts (deployment labels are indexed as
   *     pseudonyms)
   */
  BlueGreenWorker(
      WorkflowClient client,
      Connections connections,
      WorkerMetrics metrics,
      WorkerSizing sizing,
      Optional<EncryptionKeys> encryption) {
    // The SDK wraps interceptors in array order, the last outermost: the gate sits innermost, so
    // an activity it hands back is still logged and counted.
    WorkerInterceptor[] interceptors =
        metrics == null
            ? new WorkerInterceptor[] {gate, new ActivityEventLog()}
            : new WorkerInterceptor[] {
              gate, new ActivityEventLog(), new MetricsInterceptor(metrics)
            };
    this.factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    // A worker started after a crash replays the whole history on a cold JVM (class loading,
    // JIT); on a busy host that took over the SDK's 1 s deadlock limit in the crash tests, which
    // fails the workflow task and delays recovery by a retry. The workflow code never blocks, so
    // a longer limit hides nothing real.
    WorkerOptions.Builder main =
        WorkerOptions.newBuilder()
            .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis());
    WorkerOptions.Builder cutoverOptions = WorkerOptions.newBuilder();
    if (sizing != null) {
      // The identity on the worker options, not the client: it is what the polls and task
      // completions carry, i.e. what the Temporal UI shows as the pollers and an activity's worker.
      main.setIdentity(sizing.identity())
          .setMaxConcurrentActivityExecutionSize(sizing.maxConcurrentActivities())
          .setMaxConcurrentWorkflowTaskExecutionSize(sizing.maxConcurrentWorkflowTasks());
      cutoverOptions
          .setIdentity(sizing.identity())
          .setMaxConcurrentActivityExecutionSize(sizing.maxConcurrentCutoverActivities());
    }
    register(
        factory.newWorker(TaskQueues.BLUE_GREEN, main.build()),
        factory.newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN), cutoverOptions.build()),
        connections,
        metrics == null ? CopyMetrics.NONE : metrics,
        encryption);
  }

  /**
   * The workflows and their activities on the {@code blue-green} worker, and the activities again
   * on the cutover's own queue (switches, traffic key, webhook, drain and health gate, with slots
   * of their own, so a restore's switch never waits behind hour-long copies). Also what Temporal's
   * in-process environments run (the bench, the audit's recorded histories).
   */
  public static void register(
      Worker main, Worker cutover, Connections connections, CopyMetrics metrics) {
    register(main, cutover, connections, metrics, Optional.empty());
  }

  /**
   * @param encryption the payload keys when the worker encrypts; empty: labels are indexed as they
   *     are
   */
  public static void register(
      Worker main,
      Worker cutover,
      Connections connections,
      CopyMetrics metrics,
      Optional<EncryptionKeys> encryption) {
    main.registerWorkflowImplementationTypes(
        BlueGreenDeploymentWorkflowImpl.class, BlueGreenPlanWorkflowImpl.class);
    main.registerActivitiesImplementations(
        BlueGreenActivities.create(connections, metrics).toArray());
    // Asks Temporal itself (the worker's connection), so it lives here rather than with the
    // platform activities.
    main.registerActivitiesImplementations(new SearchIndexActivitiesImpl(encryption));
    cutover.registerActivitiesImplementations(
        BlueGreenActivities.create(connections, metrics).toArray());
  }

  public void start() {
    factory.start();
  }

  /**
   * Stops polling and lets running activities finish for up to {@code grace}. A copy, verification
   * or sync stops at its next heartbeat (the SDK's heartbeat throws once the worker shuts down),
   * reporting its last checkpoint with the failed attempt; Temporal retries it on another worker,
   * which resumes from there. An activity a poll still delivers is handed back unstarted ({@link
   * ShutdownGate}). Whatever is still running after {@code grace} is interrupted and found by its
   * heartbeat timeout.
   */
  public void shutdown(Duration grace) {
    // No new polls first: the SDK's shutdown stops its pollers only after it has waited (up to
    // 5 s) for pending heartbeats, and meanwhile they would keep taking tasks.
    factory.suspendPolling();
    gate.close();
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
