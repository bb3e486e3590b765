package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.bluegreen.workflows.model.Colour;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * A deployment survives the death of the processes around it: the worker SIGKILLed in every phase
 * that does work, the Temporal dev server restarted (same SQLite file), MongoDB and Redis stopped
 * for a while. One real stack for the class; each test deploys its own Blue database.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {
  /**
   * Enough documents that a copy with batches of 200, two collections at a time, is still running
   * when killed.
   */
  private static final int DOCUMENTS = 20_000;

  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-crash"));
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  /**
   * Seeds Blue and leaves {@code running} jobs running, so the cutover drain lasts a few seconds.
   */
  private static void seed(String blue, int documents, int greenRedisDb, long running) {
    new DemoPlatform(documents, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, blue, blue + "_green");
    var jobs = fx.mongo.getDatabase(blue).getCollection("jobs");
    List<Object> ids = new ArrayList<>();
    jobs.find(Filters.eq("status", "running"))
        .skip((int) running)
        .forEach(d -> ids.add(d.get("_id")));
    jobs.updateMany(Filters.in("_id", ids), Updates.set("status", "complete"));
    try (Jedis r = redis(greenRedisDb)) {
      r.flushDB();
    }
  }

  private static Jedis redis(int db) {
    Jedis j = new Jedis(URI.create(fx.stack.redisUri()));
    j.select(db);
    return j;
  }

  private static List<String> names(DeploymentStatus s) {
    return s.collections().stream().map(CollectionProgress::name).toList();
  }

  /**
   * SIGKILL, then a new worker process; returns ms until Temporal has started a retry of the
   * in-flight work.
   */
  private static long killAndRestartWorker(String workflowId, String where) throws Exception {
    System.out.println("[crash] " + where + ": checkpoints " + E2e.checkpoints(fx, workflowId));
    long t0 = System.currentTimeMillis();
    fx.stack.killWorker();
    fx.stack.startWorker();
    System.out.println(
        "[crash] "
            + where
            + ": worker killed and restarted in "
            + (System.currentTimeMillis() - t0)
            + " ms");
    return t0;
  }

  @Test
  void workerKilledWhileCopyingVerifyingCuttingOverAndRollingBackLosesNothing() throws Exception {
    String blue = "crash";
    seed(blue, DOCUMENTS, 1, 3);
    Map<String, String> blueBefore = E2e.digests(fx, blue);
    String id = "bluegreen-" + blue;
    BlueGreenDeploymentWorkflow wf = fx.start(id, E2e.request(blue, 1, "bluegreen:crash", 200, 2));
    DeploymentStatus copying = LocalStackFixture.awaitPhase(wf, Phase.COPYING);
    List<String> names = names(copying);
    long total = copying.collections().stream().mapToLong(CollectionProgress::documents).sum();
    String green = blue + "_green";

    // 1. Early in the copy: a few batches on Green.
    E2e.awaitTrue("first batches on Green", 120_000, () -> E2e.count(fx, green, names) >= 1_000);
    long atKill = E2e.count(fx, green, names);
    long t0 = killAndRestartWorker(id, "early copy (" + atKill + "/" + total + " on Green)");
    E2e.awaitTrue(
        "copy resumed after the early kill",
        120_000,
        () -> E2e.count(fx, green, names) > atKill + 400);
    System.out.println(
        "[crash] copy resumed " + (System.currentTimeMillis() - t0) + " ms after the early kill");

    // 2. Mid-copy: half of the documents on Green.
    E2e.awaitTrue("half copied", 180_000, () -> E2e.count(fx, green, names) >= total / 2);
    long atKill2 = E2e.count(fx, green, names);
    assertTrue(atKill2 < total, "the copy must still be running at the mid-copy kill");
    long t1 = killAndRestartWorker(id, "mid copy (" + atKill2 + "/" + total + " on Green)");
    E2e.awaitTrue(
        "copy resumed after the mid kill", 120_000, () -> E2e.count(fx, green, names) > atKill2);
    System.out.println(
        "[crash] copy resumed " + (System.currentTimeMillis() - t1) + " ms after the mid kill");

    // 3. VERIFYING.
    LocalStackFixture.await(wf, Duration.ofMinutes(4), s -> s.phase() == Phase.VERIFYING);
    killAndRestartWorker(id, "verifying");
    DeploymentStatus waiting =
        LocalStackFixture.await(
            wf, Duration.ofMinutes(4), s -> s.phase() == Phase.AWAITING_APPROVAL);
    E2e.assertGreenIdentical(fx, blue, waiting);
    assertEquals(blueBefore, E2e.digests(fx, blue), "Blue is only read before cutover");

    // 4. CUTTING_OVER, right after Blue's startJobs went off (seen in MongoDB): Blue takes no new
    // jobs and Green is not on yet, the most delicate moment of the deployment.
    DeploymentStatus live;
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, blue, "blue", "startJobs", Duration.ofSeconds(2)).start()) {
      wf.approveCutover(new OperatorSignal("crash-test", "approve"));
      E2e.awaitTrue(
          "Blue's startJobs off",
          60_000,
          () -> Boolean.FALSE.equals(E2e.switchOf(fx, blue, "blue", "startJobs")));
      long t2 = killAndRestartWorker(id, "cutting over, Blue startJobs off");
      assertEquals(
          Boolean.FALSE,
          E2e.switchOf(fx, green, "green", "startJobs"),
          "Green not on yet at the kill");
      live = LocalStackFixture.await(wf, Duration.ofMinutes(3), s -> s.phase() == Phase.LIVE);
      System.out.println(
          "[crash] LIVE " + (System.currentTimeMillis() - t2) + " ms after the cutover kill");
    }
    assertEquals(Colour.GREEN, live.activeColour());
    assertSwitches(blue, false, true);
    try (Jedis r = redis(0)) {
      assertEquals("green", r.get("bluegreen:crash"));
    }

    // 5. ROLLING_BACK, after Blue's startJobs is back on (the restore puts Blue back first) and
    // while the rest runs.
    wf.rollback(new OperatorSignal("crash-test", "roll back"));
    E2e.awaitTrue(
        "Blue's startJobs on",
        60_000,
        () -> Boolean.TRUE.equals(E2e.switchOf(fx, blue, "blue", "startJobs")));
    long t3 = killAndRestartWorker(id, "rolling back, Blue startJobs on");
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(3, TimeUnit.MINUTES, DeploymentStatus.class);
    System.out.println(
        "[crash] ROLLED_BACK " + (System.currentTimeMillis() - t3) + " ms after the rollback kill");
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertSwitches(blue, true, false);
    try (Jedis r = redis(0)) {
      assertEquals("blue", r.get("bluegreen:crash"));
    }
    E2e.assertGreenIdentical(fx, blue, done);

    // The kills really hit work in flight: Temporal retried activities (attempt 2 or more).
    int retried = 0;
    for (HistoryEvent e : fx.client.fetchHistory(id).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && e.getActivityTaskStartedEventAttributes().getAttempt() > 1) {
        retried++;
      }
    }
    assertTrue(retried >= 3, "activities retried after the kills: " + retried);
  }

  /**
   * Blue's and Green's switches: {@code blueOn} for Blue's two, {@code greenOn} for Green's two.
   */
  /** The status, once a query is answered again (it fails while the server or worker is away). */
  private static DeploymentStatus awaitAnswered(BlueGreenDeploymentWorkflow wf, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return wf.status();
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new AssertionError("no answer to the status query within " + timeout, last);
  }

  private static void assertSwitches(String blue, boolean blueOn, boolean greenOn) {
    assertEquals(blueOn, E2e.switchOf(fx, blue, "blue", "startJobs"));
    assertEquals(blueOn, E2e.switchOf(fx, blue, "blue", "taskWorker"));
    assertEquals(greenOn, E2e.switchOf(fx, blue + "_green", "green", "startJobs"));
    assertEquals(greenOn, E2e.switchOf(fx, blue + "_green", "green", "taskWorker"));
  }

  @Test
  void temporalServerRestartedWhileCopyingAndWhileAwaitingApproval() throws Exception {
    String blue = "restart";
    seed(blue, 10_000, 2, 2);
    String id = "bluegreen-" + blue;
    BlueGreenDeploymentWorkflow wf =
        fx.start(id, E2e.request(blue, 2, "bluegreen:restart", 200, 2));
    List<String> names = names(LocalStackFixture.awaitPhase(wf, Phase.COPYING));
    E2e.awaitTrue("copy under way", 120_000, () -> E2e.count(fx, blue + "_green", names) >= 1_000);

    long t0 = System.currentTimeMillis();
    fx.stack.stopTemporal();
    Thread.sleep(3_000); // the outage being survived: the server stays down this long
    fx.stack.startTemporal();
    System.out.println(
        "[restart] temporal restarted during copy in " + (System.currentTimeMillis() - t0) + " ms");
    DeploymentStatus waiting =
        LocalStackFixture.await(
            wf, Duration.ofMinutes(4), s -> s.phase() == Phase.AWAITING_APPROVAL);
    System.out.println(
        "[restart] AWAITING_APPROVAL "
            + (System.currentTimeMillis() - t0)
            + " ms after the restart");
    E2e.assertGreenIdentical(fx, blue, waiting);

    long worker = fx.stack.pid("worker").orElseThrow();
    fx.stack.stopTemporal();
    Thread.sleep(2_000); // the outage being survived: the server stays down this long
    fx.stack.startTemporal();
    // A query needs a worker: once one is answered again, the worker has reconnected. It must be
    // the same process, never restarted, and the approval wait must have survived.
    DeploymentStatus afterRestart = awaitAnswered(wf, Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_APPROVAL, afterRestart.phase());
    assertEquals(
        worker, fx.stack.pid("worker").orElseThrow(), "the worker process was not restarted");
    assertTrue(
        ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false),
        "the same worker is alive");
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, blue, "blue", "startJobs", Duration.ofMillis(300))
            .start()) {
      wf.approveCutover(new OperatorSignal("restart-test", "approve after restart"));
      LocalStackFixture.await(wf, Duration.ofMinutes(3), s -> s.phase() == Phase.LIVE);
    }
    wf.finalizeDeployment(new OperatorSignal("restart-test", "done"));
    DeploymentStatus done =
        WorkflowStub.fromTyped(wf).getResult(1, TimeUnit.MINUTES, DeploymentStatus.class);
    assertEquals(Phase.COMPLETED, done.phase());
    assertSwitches(blue, false, true);
  }

  @Test
  void mongoDownDuringCopyAndRedisDownDuringCutoverAreWaitedOut() throws Exception {
    String blue = "outage";
    seed(blue, 10_000, 3, 2);
    Map<String, String> blueBefore = E2e.digests(fx, blue);
    String id = "bluegreen-" + blue;
    BlueGreenDeploymentWorkflow wf = fx.start(id, E2e.request(blue, 3, "bluegreen:outage", 200, 2));
    List<String> names = names(LocalStackFixture.awaitPhase(wf, Phase.COPYING));
    E2e.awaitTrue("copy under way", 120_000, () -> E2e.count(fx, blue + "_green", names) >= 1_000);

    // MongoDB gone for 10 s mid-copy: the copy fails, retries with backoff, resumes.
    fx.stack.stopMongo();
    // MongoDB stays down until a copy has failed and is being retried: the outage was felt.
    E2e.awaitTrue(
        "a copy retried while MongoDB is down",
        120_000,
        () ->
            E2e.pending(fx, id).stream()
                .anyMatch(
                    a ->
                        a.getActivityType().getName().equals("CopyCollection")
                            && a.getAttempt() >= 2));
    fx.stack.startMongo();
    long t0 = System.currentTimeMillis();
    DeploymentStatus waiting =
        LocalStackFixture.await(
            wf, Duration.ofMinutes(4), s -> s.phase() == Phase.AWAITING_APPROVAL);
    System.out.println(
        "[outage] AWAITING_APPROVAL "
            + (System.currentTimeMillis() - t0)
            + " ms after MongoDB came back");
    E2e.assertGreenIdentical(fx, blue, waiting);
    assertEquals(blueBefore, E2e.digests(fx, blue));

    // Redis gone when the operator approves: the switches flip in MongoDB, the traffic key waits.
    fx.stack.stopRedis();
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, blue, "blue", "startJobs", Duration.ofMillis(300))
            .start()) {
      wf.approveCutover(new OperatorSignal("outage-test", "approve while Redis is down"));
      E2e.awaitTrue(
          "Blue's taskWorker off (the step before the traffic key)",
          120_000,
          () -> Boolean.FALSE.equals(E2e.switchOf(fx, blue, "blue", "taskWorker")));
      // The traffic key cannot be set: its activity retries (attempt 2 or more) instead of failing.
      E2e.awaitTrue(
          "the traffic key retried while Redis is down",
          120_000,
          () ->
              E2e.pending(fx, id).stream()
                  .anyMatch(
                      a ->
                          a.getActivityType().getName().equals("PointTraffic")
                              && a.getAttempt() >= 2));
      assertEquals(Phase.CUTTING_OVER, wf.status().phase(), "waits for Redis instead of failing");
      fx.stack.startRedis();
      long t1 = System.currentTimeMillis();
      LocalStackFixture.await(wf, Duration.ofMinutes(2), s -> s.phase() == Phase.LIVE);
      System.out.println(
          "[outage] LIVE " + (System.currentTimeMillis() - t1) + " ms after Redis came back");
    }
    try (Jedis r = redis(0)) {
      assertEquals("green", r.get("bluegreen:outage"));
    }
    assertSwitches(blue, false, true);
    wf.finalizeDeployment(new OperatorSignal("outage-test", "done"));
    assertEquals(
        Phase.COMPLETED,
        WorkflowStub.fromTyped(wf).getResult(1, TimeUnit.MINUTES, DeploymentStatus.class).phase());
  }
}
