package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.*;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several worker processes on one deployment, on the real local stack (the temporal dev server: the
 * Java test server never hands a workflow to a new worker after the old one died): copies spread
 * over two workers by their slots, one SIGKILLed mid-copy and the other finishing; a worker stopped
 * with SIGTERM stopping its copies at their checkpoints; a worker sized beyond its heap refusing to
 * start. The stack runs no worker of its own; each test starts its workers.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ScaleOutEndToEndTest {
  /** Enough that a throttled copy of the larger collections lasts several heartbeats. */
  private static final int DOCUMENTS = 20_000;

  private static final int BATCH = 200;

  /** Per copy: slow enough that copies overlap on both workers and are caught mid-way. */
  private static final int DOCUMENTS_PER_SECOND = 300;

  private static final String HEAP = "512m";

  private static LocalStackFixture fx;
  private static Path dir;

  @BeforeAll
  static void upStack() throws Exception {
    dir = LocalStackFixture.tempDir("bluegreen-scale");
    fx = new LocalStackFixture(dir.resolve("stack"), false);
  }

  /**
   * Ends a test's deployment if the test stopped early, so no later test's workers pick up its
   * copies.
   */
  private static void terminateIfRunning(String workflowId) {
    try {
      fx.client.newUntypedWorkflowStub(workflowId).terminate("test ended");
    } catch (RuntimeException e) {
      // Already closed (the test ran to its end) or never started.
    }
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  private static void seed(String blue) {
    new DemoPlatform(DOCUMENTS, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, blue, blue + "_green");
    // No running jobs on Blue: the cutover's drain has nothing to wait for.
    fx.mongo
        .getDatabase(blue)
        .getCollection("jobs")
        .updateMany(Filters.eq("status", "running"), Updates.set("status", "complete"));
  }

  private static DeploymentRequest request(String blue, int greenRedisDb, int parallel) {
    DeploymentRequest r = E2e.request(blue, greenRedisDb, "bluegreen:" + blue, BATCH, parallel);
    return new DeploymentRequest(
        r.deployment(),
        r.blue(),
        r.green(),
        r.collections(),
        r.switches(),
        new CopyOptions(BATCH, parallel, true, DOCUMENTS_PER_SECOND),
        r.approval(),
        r.cutover(),
        r.failoverWindow(),
        r.sync(),
        null);
  }

  private static String slots(String identity, int activities, String grace) {
    return "{\"identity\": \""
        + identity
        + "\", \"maxConcurrentActivities\": "
        + activities
        + ", \"maxConcurrentCutoverActivities\": 2, \"maxConcurrentWorkflowTasks\": 2, \"shutdownGrace\": \""
        + grace
        + "\"}";
  }

  /**
   * Identities polling a task queue for activities, as the server reports them (Temporal UI:
   * Workers).
   */
  private static Set<String> pollers(String taskQueue) {
    return fx
        .service
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace("default")
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                .build())
        .getPollersList()
        .stream()
        .map(PollerInfo::getIdentity)
        .collect(Collectors.toSet());
  }

  private static List<PendingActivityInfo> runningCopies(String workflowId) {
    return E2e.pending(fx, workflowId).stream()
        .filter(a -> a.getActivityType().getName().equals("CopyCollection"))
        .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
        .toList();
  }

  private static Optional<CopyCheckpoint> checkpoint(PendingActivityInfo a) {
    if (!a.hasHeartbeatDetails()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(a.getHeartbeatDetails()), CopyCheckpoint.class, CopyCheckpoint.class));
  }

  /**
   * An activity's start as the history records it: which worker ran it, which attempt, on which
   * queue.
   */
  record Started(String type, String taskQueue, String identity, int attempt) {}

  private static List<Started> started(String workflowId) {
    Map<Long, HistoryEvent> scheduled = new HashMap<>();
    List<Started> out = new ArrayList<>();
    for (HistoryEvent e : fx.client.fetchHistory(workflowId).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        scheduled.put(e.getEventId(), e);
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        var s =
            scheduled
                .get(e.getActivityTaskStartedEventAttributes().getScheduledEventId())
                .getActivityTaskScheduledEventAttributes();
        out.add(
            new Started(
                s.getActivityType().getName(),
                s.getTaskQueue().getName(),
                e.getActivityTaskStartedEventAttributes().getIdentity(),
                e.getActivityTaskStartedEventAttributes().getAttempt()));
      }
    }
    return out;
  }

  private static Set<String> copyIdentities(String workflowId) {
    return started(workflowId).stream()
        .filter(s -> s.type().equals("CopyCollection"))
        .map(Started::identity)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void twoWorkersShareADeploymentAndTheOtherFinishesItWhenOneIsKilledMidCopy() throws Exception {
    String blue = "scale";
    seed(blue);
    Map<String, String> blueBefore = E2e.digests(fx, blue);
    String id = "bluegreen-" + blue;
    try (AutoCloseable end = () -> terminateIfRunning(id);
        WorkerProcess a =
            WorkerProcess.start(fx, dir, "bluegreen-a", HEAP, slots("bluegreen-a", 2, "PT30S"));
        WorkerProcess b =
            WorkerProcess.start(fx, dir, "bluegreen-b", HEAP, slots("bluegreen-b", 2, "PT30S"))) {
      assertTrue(
          a.log()
              .contains(
                  "worker sizing: identity=bluegreen-a maxConcurrentActivities=2 maxConcurrentCutoverActivities=2"),
          "the sizing is logged at start: " + a.log());
      // Both poll both queues, under the identities they were given.
      E2e.awaitTrue(
          "both workers poll the copy queue",
          60_000,
          () -> pollers(TaskQueues.BLUE_GREEN).containsAll(Set.of(a.name, b.name)));
      E2e.awaitTrue(
          "both workers poll the cutover queue",
          60_000,
          () ->
              pollers(TaskQueues.cutover(TaskQueues.BLUE_GREEN))
                  .containsAll(Set.of(a.name, b.name)));

      // Four collections at a time, two slots per worker: copies run on both at once.
      BlueGreenDeploymentWorkflow wf = fx.start(id, request(blue, 1, 4));
      E2e.awaitTrue(
          "copies running on both workers at once",
          180_000,
          () ->
              runningCopies(id).stream()
                  .map(PendingActivityInfo::getLastWorkerIdentity)
                  .collect(Collectors.toSet())
                  .containsAll(Set.of(a.name, b.name)));
      assertTrue(runningCopies(id).size() <= 4, "never more copies than parallelCollections");

      // Worker A has finished a copy (the history names it) and is in the middle of another: crash
      // it there.
      E2e.awaitTrue(
          "worker A finished one copy and is mid-way through another",
          180_000,
          () ->
              copyIdentities(id).contains(a.name)
                  && runningCopies(id).stream()
                      .anyMatch(
                          c ->
                              c.getLastWorkerIdentity().equals(a.name)
                                  && checkpoint(c).map(CopyCheckpoint::copied).orElse(0L) > 0));
      List<String> cutOff =
          runningCopies(id).stream()
              .filter(c -> c.getLastWorkerIdentity().equals(a.name))
              .map(c -> checkpoint(c).map(CopyCheckpoint::collection).orElse("?"))
              .toList();
      a.kill();
      System.out.println("[scale] worker A killed with copies of " + cutOff + " running on it");

      DeploymentStatus waiting =
          LocalStackFixture.await(
              wf, Duration.ofMinutes(6), s -> s.phase() == Phase.AWAITING_APPROVAL);
      E2e.assertGreenIdentical(fx, blue, waiting);
      assertEquals(blueBefore, E2e.digests(fx, blue), "Blue is only read before cutover");

      wf.approveCutover(new OperatorSignal("scale-test", "approve"));
      LocalStackFixture.await(wf, Duration.ofMinutes(3), s -> s.phase() == Phase.LIVE);
      wf.finalizeDeployment(new OperatorSignal("scale-test", "done"));
      assertEquals(
          Phase.COMPLETED,
          WorkflowStub.fromTyped(wf)
              .getResult(2, TimeUnit.MINUTES, DeploymentStatus.class)
              .phase());

      // The history names both workers for copies; B took over A's cut-off copies (attempt 2+)
      // and, A being gone, ran every cutover step.
      List<Started> history = started(id);
      assertEquals(new TreeSet<>(Set.of(a.name, b.name)), copyIdentities(id));
      assertTrue(
          history.stream()
              .anyMatch(
                  s ->
                      s.type().equals("CopyCollection")
                          && s.attempt() >= 2
                          && s.identity().equals(b.name)),
          "a copy cut off on A was retried on B: " + history);
      List<Started> cutover =
          history.stream()
              .filter(s -> s.taskQueue().equals(TaskQueues.cutover(TaskQueues.BLUE_GREEN)))
              .toList();
      assertFalse(cutover.isEmpty(), "the cutover ran activities on its own queue");
      assertTrue(
          cutover.stream().allMatch(s -> s.identity().equals(b.name)),
          "the cutover ran on B: " + cutover);
    }
  }

  @Test
  void sigtermStopsRunningCopiesAtTheirCheckpointsAndAnotherWorkerFinishes() throws Exception {
    String blue = "drain";
    seed(blue);
    String id = "bluegreen-" + blue;
    try {
      drainAndTakeOver(blue, id);
    } finally {
      terminateIfRunning(id);
    }
  }

  private void drainAndTakeOver(String blue, String id) throws Exception {
    String green = blue + "_green";
    BlueGreenDeploymentWorkflow wf;
    try (WorkerProcess a =
        WorkerProcess.start(fx, dir, "drain-a", HEAP, slots("drain-a", 2, "PT1M"))) {
      wf = fx.start(id, request(blue, 2, 2));
      E2e.awaitTrue(
          "a copy on A past its first batches",
          180_000,
          () ->
              runningCopies(id).stream()
                  .anyMatch(
                      c -> checkpoint(c).map(CopyCheckpoint::copied).orElse(0L) >= 2L * BATCH));

      a.terminate();
      // The worker ends by itself, well inside its grace: its copies stopped at their next batch.
      assertEquals(143, a.awaitExit(Duration.ofMinutes(2)), "exit code of a JVM ended by SIGTERM");
      assertTrue(a.log().contains("worker stopped"), a.log());
      assertTrue(
          a.log().contains("activity=CopyCollection workflowId=" + id)
              && a.log().contains("event=stopped"),
          "the log says which copy stopped for the shutdown: " + a.log());
    }

    // A reported each copy it stopped, with the checkpoint of its last batch: the copies wait for
    // a worker with that checkpoint and the shutdown as their last failure (no heartbeat timeout).
    List<PendingActivityInfo> stopped =
        E2e.pending(fx, id).stream()
            .filter(
                p -> p.getActivityType().getName().equals("CopyCollection") && p.getAttempt() >= 2)
            .toList();
    assertFalse(
        stopped.isEmpty(), "copies stopped at SIGTERM wait for a retry: " + E2e.pending(fx, id));
    for (PendingActivityInfo p : stopped) {
      assertEquals(
          "ActivityWorkerShutdownException",
          p.getLastFailure().getApplicationFailureInfo().getType().replaceAll(".*\\.", ""),
          "stopped by the shutdown, not timed out: " + p.getLastFailure());
      CopyCheckpoint at =
          checkpoint(p).orElseThrow(() -> new AssertionError("no checkpoint kept for " + p));
      long onGreen = fx.mongo.getDatabase(green).getCollection(at.collection()).countDocuments();
      // At most the one batch written after the last checkpoint is replayed (a SIGKILL loses up to
      // 12 s of checkpoints).
      System.out.println(
          "[drain] "
              + at.collection()
              + ": "
              + onGreen
              + " on Green, checkpoint at "
              + at.copied());
      assertTrue(
          onGreen >= at.copied() && onGreen - at.copied() <= BATCH,
          at.collection() + ": " + onGreen + " on Green, checkpoint at " + at.copied());
    }

    try (WorkerProcess b =
        WorkerProcess.start(fx, dir, "drain-b", HEAP, slots("drain-b", 2, "PT30S"))) {
      DeploymentStatus waiting =
          LocalStackFixture.await(
              wf, Duration.ofMinutes(6), s -> s.phase() == Phase.AWAITING_APPROVAL);
      E2e.assertGreenIdentical(fx, blue, waiting);
      wf.abort(new OperatorSignal("scale-test", "done"));
      WorkflowStub.fromTyped(wf).getResult(2, TimeUnit.MINUTES, DeploymentStatus.class);
    }
  }

  @Test
  void aOneGigabyteWorkerSizesItselfFromItsHeapAndOneSizedBeyondItDoesNotStart() throws Exception {
    try (WorkerProcess w = WorkerProcess.start(fx, dir, "derived", "1g", "{}")) {
      String host = InetAddress.getLocalHost().getHostName();
      assertTrue(
          w.log()
              .contains(
                  "worker sizing: identity=bluegreen@"
                      + host
                      + " maxConcurrentActivities=10 (from the heap)"
                      + " maxConcurrentCutoverActivities=10 maxConcurrentWorkflowTasks=10"),
          w.log());
      E2e.awaitTrue(
          "the default identity polls",
          60_000,
          () -> pollers(TaskQueues.BLUE_GREEN).contains("bluegreen@" + host));
      w.terminate();
      assertEquals(143, w.awaitExit(Duration.ofMinutes(1)));
    }

    WorkerProcess w =
        WorkerProcess.launch(fx, dir, "too-big", "256m", "{\"maxConcurrentActivities\": 8}");
    assertEquals(2, w.awaitExit(Duration.ofMinutes(1)), w.log());
    String log = w.log();
    assertTrue(
        log.contains("bluegreen worker: worker.maxConcurrentActivities 8 needs 808 MB of heap")
            && log.contains(
                "lower it to at most 1, leave it out to size it from the heap, or raise the heap (JAVA_OPTS=-Xmx1g)"),
        log);
  }
}
