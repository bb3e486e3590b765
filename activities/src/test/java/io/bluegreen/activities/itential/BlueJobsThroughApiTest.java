package io.bluegreen.activities.itential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.cutover.CutoverActivitiesImpl;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.activities.CancelJobsInput;
import io.bluegreen.workflows.activities.CancelJobsResult;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.model.BlueJobs;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.WorkerSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blue's jobs at the cutover against the simulated Itential API: the drain counts every unfinished
 * job by status, and CancelBlueJobs cancels them through {@code POST
 * /operations-manager/jobs/cancel}, at most 100 ids a call; ReadSwitch reads a worker without
 * moving it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlueJobsThroughApiTest extends ActivityTestBase {
  private static final String TOKEN = "tok-jobs-secret";
  private SimulatedItentialApi api;
  private Connections withApi;
  private PlatformSpec blueWithApi;

  @BeforeEach
  void setUp() throws Exception {
    api = SimulatedItentialApi.withToken(TOKEN);
    withApi =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of("local", "redis://127.0.0.1:" + servers.redisPort),
            Map.of("blue-api", new ApiEndpoint(api.baseUrl(), TOKEN)));
    seedBlue(1);
    blueWithApi = blue.withApiAndHealth("blue-api", null);
    api.jobsIn(db(blue).getCollection("jobs"));
  }

  @AfterEach
  void tearDown() {
    api.close();
    withApi.close();
  }

  private CutoverActivities stub;

  private CutoverActivities cutover() {
    if (stub == null) {
      stub =
          stub(
              CutoverActivities.class,
              new CutoverActivitiesImpl(withApi, Duration.ofMillis(50), Duration.ofSeconds(2)));
    }
    return stub;
  }

  private List<String> insertJobs(String status, int n) {
    List<Document> docs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectId id = new ObjectId();
      ids.add(id.toHexString());
      docs.add(new Document("_id", id).append("status", status).append("name", status + " " + i));
    }
    db(blue).getCollection("jobs").insertMany(docs);
    return ids;
  }

  @Test
  void theDrainCountsEveryUnfinishedJobByStatusAndListsAtMost100() {
    insertJobs("paused", 150);
    List<String> errored = insertJobs("error", 2);
    insertJobs("canceled", 3);
    insertJobs("complete", 4); // plus the one seedBlue wrote
    insertJobs("queued", 1); // a status of another release still counts

    DrainResult r = cutover().waitForDrain(new DrainInput(blueWithApi, "PT5S"));

    assertTrue(r.drained(), "nothing runs");
    BlueJobs jobs = r.jobs();
    assertEquals(153, jobs.total());
    assertEquals(Map.of("paused", 150L, "error", 2L, "queued", 1L), jobs.byStatus());
    assertEquals(BlueJobs.MAX_LISTED, jobs.jobs().size(), "history stays bounded");
    List<String> listed = jobs.jobs().stream().map(BlueJobs.Job::id).toList();
    assertTrue(
        listed.stream().allMatch(ObjectId::isValid),
        "ids are listed as the API takes them (hex strings): " + listed);
    assertEquals(listed.stream().sorted().toList(), listed, "in _id order");
    assertFalse(listed.contains(errored.get(0)), "inserted after the first 100: not listed");
  }

  @Test
  void cancelGoesThroughTheApiInCallsOfAtMost100Ids() {
    List<String> all = new ArrayList<>(insertJobs("paused", 180));
    all.addAll(insertJobs("error", 25));
    all.addAll(insertJobs("running", 5));
    insertJobs("complete", 7);

    CancelJobsResult r = cutover().cancelBlueJobs(new CancelJobsInput(blueWithApi));

    assertEquals(210, r.cancelled());
    assertEquals(3, r.calls());
    assertTrue(r.failures().isEmpty(), r.failures().toString());
    assertEquals(100, r.ids().size(), "the first 100 ids are recorded");
    List<List<String>> calls = api.cancelCalls();
    assertEquals(List.of(100, 100, 10), calls.stream().map(List::size).toList());
    assertEquals(
        all.stream().sorted().toList(),
        calls.stream().flatMap(List::stream).sorted().toList(),
        "every unfinished job was cancelled once, and nothing else");
    assertTrue(
        api.calls().stream()
            .filter(c -> c.path().equals("/operations-manager/jobs/cancel"))
            .allMatch(c -> c.authorized() && c.method().equals("POST")));
    assertEquals(
        0,
        db(blue).getCollection("jobs").countDocuments(new Document("status", "paused")),
        "the platform marked them canceled");
    assertEquals(
        8, db(blue).getCollection("jobs").countDocuments(new Document("status", "complete")));

    // A retry finds nothing left and calls nothing.
    CancelJobsResult again = cutover().cancelBlueJobs(new CancelJobsInput(blueWithApi));
    assertEquals(0, again.cancelled());
    assertEquals(3, api.cancelCalls().size());
  }

  @Test
  void readSwitchReportsTheWorkerWithoutMovingIt() {
    api.setWorkers(false, true);
    SwitchResult job =
        cutover()
            .readSwitch(
                new SwitchInput(blueWithApi, Colour.BLUE, WorkerSwitch.START_JOBS, null, true));
    assertEquals(false, job.previous());
    SwitchResult task =
        cutover()
            .readSwitch(
                new SwitchInput(blueWithApi, Colour.BLUE, WorkerSwitch.TASK_WORKER, null, false));
    assertEquals(true, task.previous());
    assertFalse(api.jobWorker(), "nothing moved");
    assertTrue(
        api.calls().stream().noneMatch(c -> c.method().equals("POST")),
        "no activate or deactivate call: " + api.calls());
  }
}
