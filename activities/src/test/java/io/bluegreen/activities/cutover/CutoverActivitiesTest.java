package io.bluegreen.activities.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.TrafficResult;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CutoverActivitiesTest extends ActivityTestBase {
  CutoverActivities cutover;

  @BeforeEach
  void setUp() {
    seedBlue(1);
    cutover =
        stub(
            CutoverActivities.class,
            new CutoverActivitiesImpl(connections, Duration.ofMillis(100)));
  }

  Document blueProfile() {
    return db(blue).getCollection("iap_profiles").find(new Document("id", "blue")).first();
  }

  @Test
  void setsASwitchAndReportsItsPreviousValue() {
    SwitchResult r =
        cutover.setSwitch(
            new SwitchInput(blue, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false));
    assertEquals(new SwitchResult(Colour.BLUE, WorkerSwitch.START_JOBS, true, false), r);
    assertEquals(false, blueProfile().getBoolean("startJobs"));
    assertEquals(true, blueProfile().getBoolean("taskWorker"));
    // the other profile in the same database is untouched
    assertEquals(
        true,
        db(blue)
            .getCollection("iap_profiles")
            .find(new Document("id", "other"))
            .first()
            .getBoolean("startJobs"));
    // idempotent: a retry reports the value the first attempt left
    assertEquals(
        new SwitchResult(Colour.BLUE, WorkerSwitch.START_JOBS, false, false),
        cutover.setSwitch(
            new SwitchInput(blue, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false)));
    SwitchResult nested =
        cutover.setSwitch(
            new SwitchInput(blue, Colour.BLUE, WorkerSwitch.TASK_WORKER, "workers.task", true));
    assertNull(nested.previous());
    assertEquals(true, blueProfile().get("workers", Document.class).getBoolean("task"));
  }

  @Test
  void refusesToSetASwitchOfAMissingProfile() {
    PlatformSpec none = new PlatformSpec("local", blue.database(), "local", 0, "nope");
    ApplicationFailure f =
        failure(
            () ->
                cutover.setSwitch(
                    new SwitchInput(
                        none, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false)));
    assertFailure(f, CutoverActivitiesImpl.PROFILE_NOT_FOUND, true);
    assertTrue(
        f.getOriginalMessage().contains("no iap_profiles document with id 'nope'"),
        f.getOriginalMessage());
    assertEquals(
        2, db(blue).getCollection("iap_profiles").countDocuments(), "no document was created");
  }

  @Test
  void drainsWhenNoJobsRun() {
    DrainResult r = cutover.waitForDrain(new DrainInput(blue, "PT5S"));
    assertTrue(r.drained());
    assertEquals(0, r.runningJobs());
    assertEquals(0, r.jobs().total(), "no unfinished jobs either");
  }

  @Test
  void reportsNotDrainedWhenTheTimeoutPasses() {
    db(blue)
        .getCollection("jobs")
        .insertMany(List.of(new Document("status", "running"), new Document("status", "running")));
    List<CutoverActivitiesImpl.DrainProgress> polls = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(CutoverActivitiesImpl.DrainProgress.class, polls::add);
    DrainResult r = cutover.waitForDrain(new DrainInput(blue, "PT0.5S"));
    assertFalse(r.drained());
    assertEquals(2, r.runningJobs());
    assertEquals(2L, r.jobs().byStatus().get("running"));
    // It saw two jobs running, and gave up no earlier than its own deadline: the start it
    // heartbeat plus the timeout, on the clock the activity itself keeps (a lower bound: no speed
    // of the machine can make it fail).
    assertEquals(2, polls.get(0).runningJobs(), "polls: " + polls);
    assertTrue(
        System.currentTimeMillis() >= polls.get(0).startedAtMillis() + 500,
        "returned before its deadline");
  }

  @Test
  void aRetriedDrainKeepsItsOriginalDeadline() {
    db(blue).getCollection("jobs").insertOne(new Document("status", "running"));
    // The attempt before this one started an hour ago (its heartbeat says so): the 30 minutes are
    // over.
    env.setHeartbeatDetails(
        new CutoverActivitiesImpl.DrainProgress(System.currentTimeMillis() - 3_600_000L, 1));
    DrainResult r = cutover.waitForDrain(new DrainInput(blue, "PT30M"));
    assertFalse(r.drained());
    assertEquals(1, r.runningJobs());
  }

  @Test
  void drainsWhenRunningJobsFinishWhileWaiting() {
    db(blue).getCollection("jobs").insertOne(new Document("status", "running"));
    List<Long> seen = new CopyOnWriteArrayList<>();
    // The job finishes once the drain has seen it running: no timing involved.
    env.setActivityHeartbeatListener(
        CutoverActivitiesImpl.DrainProgress.class,
        p -> {
          seen.add(p.runningJobs());
          if (p.runningJobs() > 0) {
            db(blue)
                .getCollection("jobs")
                .updateMany(
                    new Document("status", "running"),
                    new Document("$set", new Document("status", "complete")));
          }
        });
    DrainResult r = cutover.waitForDrain(new DrainInput(blue, "PT30S"));
    assertTrue(r.drained());
    assertEquals(0, r.runningJobs());
    // The SDK passes on the first heartbeat at once and throttles the rest: the first saw the job.
    assertEquals(1L, seen.get(0), "the drain saw the job running before it finished");
  }

  @Test
  void refusesABadDrainTimeout() {
    ApplicationFailure f = failure(() -> cutover.waitForDrain(new DrainInput(blue, "30 minutes")));
    assertFailure(f, CutoverActivitiesImpl.INVALID_INPUT, true);
  }

  @Test
  void pointsTrafficAtomicallyAndReturnsThePreviousColour() {
    UnifiedJedis redis = connections.redis("local", 0);
    TrafficResult first =
        cutover.pointTraffic(
            new TrafficInput(
                "local", "bluegreen:active", Colour.GREEN, "dep-1", "2025-01-01T00:00:00Z"));
    assertEquals(new TrafficResult(null, Colour.GREEN), first);
    assertEquals("green", redis.get("bluegreen:active"));
    assertEquals("dep-1", redis.get("bluegreen:active:deployment"));
    assertEquals("2025-01-01T00:00:00Z", redis.get("bluegreen:active:changedAt"));
    TrafficResult back =
        cutover.pointTraffic(
            new TrafficInput(
                "local", "bluegreen:active", Colour.BLUE, "dep-1", "2025-01-02T00:00:00Z"));
    assertEquals(new TrafficResult("green", Colour.BLUE), back);
    assertEquals("blue", redis.get("bluegreen:active"));
    assertEquals("2025-01-02T00:00:00Z", redis.get("bluegreen:active:changedAt"));
    assertFalse(connections.redis("local", 1).exists("bluegreen:active"), "db 0 only");
  }

  @Test
  void pointsTrafficInTheRedisDbTheRequestNamed() {
    connections.redis("local", 3).flushDB();
    cutover.pointTraffic(
        new TrafficInput(
            "local", "bluegreen:active", Colour.GREEN, "dep-2", "2025-01-01T00:00:00Z", 3));
    assertEquals("green", connections.redis("local", 3).get("bluegreen:active"));
    assertFalse(connections.redis("local", 0).exists("bluegreen:active"), "not in db 0");
  }
}
