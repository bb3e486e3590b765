package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.decide;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.BlueChangesOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import io.bluegreen.workflows.model.LiveOptions;
import io.bluegreen.workflows.model.Phase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue's late changes while LIVE as the workflow drives them: a comparison every interval, its
 * findings summed up in the status and named in the events, a rollback that cancels a running
 * comparison without waiting for it, and one last comparison when the deployment completes, which
 * may fail without holding the deployment up. The comparison itself is tested against a real
 * MongoDB-wire server in the activities module; here {@link FakePlatforms} answers.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlueChangesWatchWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  private final FakePlatforms platforms = new FakePlatforms(2, 100);

  private static final LiveChange CARRIED_INSERT =
      new LiveChange("{\"$oid\": \"65f000000000000000000001\"}", "inserted", "carried", null, null);
  private static final LiveChange CARRIED_EDIT =
      new LiveChange("{\"$oid\": \"65f000000000000000000002\"}", "updated", "carried", null, null);
  private static final LiveChange CONFLICT =
      new LiveChange(
          "{\"$oid\": \"65f000000000000000000003\"}", "updated", "conflict", "updated", null);

  private BlueGreenDeploymentWorkflow live(DeploymentRequest request) throws Exception {
    BlueGreenDeploymentWorkflow wf = fixture.platforms(platforms).start(request);
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(Deployments.by("alice"));
    awaitPhase(wf, Phase.LIVE);
    return wf;
  }

  private static LiveCollectionChanges collection(DeploymentStatus s, String name) {
    return s.liveChanges().collections().stream()
        .filter(c -> c.collection().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + s.liveChanges()));
  }

  private static boolean event(DeploymentStatus s, String text) {
    return s.events().stream().anyMatch(e -> e.message().contains(text));
  }

  @Test
  void everyIntervalBluesChangesAreCarriedSummedUpAndNamedThenOnceMoreAtFinalize()
      throws Exception {
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
                List.of(CARRIED_INSERT, CARRIED_EDIT, CONFLICT),
                null)));
    platforms.liveFindings.add(
        List.of(
            new LiveCollectionResult("collection_0", 0, 0, 0, 0, 1, 0, List.of(CONFLICT), null)));
    BlueGreenDeploymentWorkflow wf = live(BlueGreenDeploymentWorkflowTest.request());
    DeploymentStatus entered = await(wf, s -> s.liveChanges() != null);
    assertEquals(0, entered.liveChanges().passes(), "the first comparison one interval after LIVE");
    assertEquals("carry", entered.liveChanges().mode());
    assertEquals("PT1M", entered.liveChanges().interval());

    fixture.environment().sleep(Duration.ofMinutes(1));
    DeploymentStatus first = await(wf, s -> s.liveChanges().passes() == 1);
    LiveCollectionChanges c = collection(first, "collection_0");
    assertEquals(1, c.inserted());
    assertEquals(1, c.updated());
    assertEquals(1, c.conflicts());
    assertEquals(3, c.changes().size(), c.toString());
    assertTrue(c.changes().stream().allMatch(x -> x.at() != null), "each named with its time");
    assertTrue(
        event(
            first,
            "Blue's collection_0 _id {\"$oid\": \"65f000000000000000000001\"} inserted after the final pass: carried to Green"),
        first.events().toString());
    assertTrue(
        event(first, "updated after the final pass: Green updated it too: left on both sides"),
        first.events().toString());
    assertEquals(Phase.LIVE, first.phase());

    fixture.environment().sleep(Duration.ofMinutes(1));
    DeploymentStatus second = await(wf, s -> s.liveChanges().passes() == 2);
    LiveCollectionChanges again = collection(second, "collection_0");
    assertEquals(2, again.carried(), "carried counts add up; nothing new carried");
    assertEquals(1, again.conflicts(), "the conflict is still there");
    assertEquals(3, again.changesTotal(), "a conflict found again is not named again");

    decide(wf, Decision.FINALIZE, "bob");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals(3, done.liveChanges().passes(), "one more comparison at finalize");
    assertEquals(
        0, collection(done, "collection_0").conflicts(), "settled by the last comparison's time");
    List<String> catchUps = platforms.callsStartingWith("catch-up");
    assertEquals(List.of("catch-up carry", "catch-up carry", "catch-up carry"), catchUps);
    assertTrue(
        platforms.calls.lastIndexOf("catch-up carry") < platforms.calls.indexOf("drop-baseline"),
        "the last comparison before the baseline goes: " + platforms.calls);
  }

  @Test
  void reportModeNamesBluesChangesAndSaysTheyWereNotCarried() throws Exception {
    platforms.liveFindings.add(
        List.of(
            new LiveCollectionResult(
                "collection_1",
                0,
                0,
                0,
                2,
                0,
                0,
                List.of(
                    new LiveChange("\"a\"", "updated", "reported", null, null),
                    new LiveChange("\"b\"", "inserted", "reported", null, null)),
                null)));
    DeploymentRequest request =
        BlueGreenDeploymentWorkflowTest.request()
            .withLive(new LiveOptions(new BlueChangesOptions("report", "PT30S", 10)));
    BlueGreenDeploymentWorkflow wf = live(request);
    fixture.environment().sleep(Duration.ofSeconds(30));
    DeploymentStatus s = await(wf, st -> st.liveChanges().passes() == 1);
    assertEquals("report", s.liveChanges().mode());
    assertEquals(2, collection(s, "collection_1").reported());
    assertEquals(0, collection(s, "collection_1").carried());
    assertTrue(
        event(
            s,
            "Blue's collection_1 _id \"b\" inserted after the final pass: reported, not carried"),
        s.events().toString());
    assertEquals("report", platforms.liveInputs.get(0).mode());
    assertEquals(10, platforms.liveInputs.get(0).maxPerCollection());
    decide(wf, Decision.FINALIZE, "bob");
    assertEquals(Phase.COMPLETED, result(wf).phase());
  }

  @Test
  void aRollbackCancelsARunningComparisonWithoutWaitingForIt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    platforms.liveGate = gate;
    platforms.liveDeaf = true;
    try {
      BlueGreenDeploymentWorkflow wf = live(BlueGreenDeploymentWorkflowTest.request());
      await(wf, s -> s.liveChanges() != null);
      fixture.environment().sleep(Duration.ofMinutes(1));
      await(wf, s -> platforms.calls.contains("catch-up carry"));

      decide(wf, Decision.ROLLBACK, "carol");
      // Polled, so time does not skip: ROLLED_BACK comes while the comparison, deaf to its
      // cancellation, still runs.
      DeploymentStatus done = await(wf, s -> s.phase() == Phase.ROLLED_BACK);

      assertEquals(Phase.ROLLED_BACK, done.phase());
      assertEquals(1, gate.getCount(), "Blue was restored while the comparison still ran");
      assertTrue(
          done.liveChanges().note().contains("it was cancelled, not waited for"),
          done.liveChanges().toString());
      assertEquals(
          1, platforms.callsStartingWith("catch-up").size(), "no last comparison at a rollback");
    } finally {
      gate.countDown();
    }
  }

  @Test
  void aFailedLastComparisonAtFinalizeIsNamedAndTheDeploymentStillCompletes() throws Exception {
    BlueGreenDeploymentWorkflow wf = live(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.liveChanges() != null);
    platforms.liveFailures.set(1);
    decide(wf, Decision.FINALIZE, "bob");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    String note = done.liveChanges().note();
    assertTrue(
        note.startsWith(
                "the last comparison of Blue at the deployment's end did not finish: it failed (")
            && note.contains("Blue's server is unreachable")
            && note.endsWith(
                "Blue's changes since the final pass may not all be carried; compare Blue with Green by hand"),
        note);
    assertTrue(event(done, note), done.events().toString());
  }

  /**
   * The window ran out and its last comparison runs, still LIVE: a rollback accepted then cancels
   * it and restores Blue, instead of being accepted and forgotten as the deployment completes.
   */
  @Test
  void aRollbackDuringTheLastComparisonAtTheWindowsEndRestoresBlue() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    platforms.liveGate = gate; // every comparison holds (heartbeating: a cancel reaches it)
    try {
      DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
      DeploymentRequest twoMinutes =
          new DeploymentRequest(
              r.deployment(), r.blue(), r.green(), null, null, null, null, null, "PT2M");
      BlueGreenDeploymentWorkflow wf = live(twoMinutes);
      await(wf, s -> s.liveChanges() != null);
      fixture.environment().sleep(Duration.ofMinutes(2));
      DeploymentStatus last =
          await(
              wf,
              s ->
                  platforms.callsStartingWith("catch-up").size() == 2
                      && s.waitingFor() != null
                      && s.waitingFor().startsWith("the last comparison"));
      assertEquals(Phase.LIVE, last.phase(), "the window's end is not the end yet");

      assertTrue(decide(wf, Decision.ROLLBACK, "carol").accepted());
      DeploymentStatus done = await(wf, s -> s.phase() == Phase.ROLLED_BACK);
      assertEquals(1, gate.getCount(), "Blue was restored while the comparison still ran");
      assertTrue(
          platforms.calls.contains("switch blue.startJobs=true"),
          "Blue restored: " + platforms.calls);
      assertTrue(
          done.liveChanges().note().contains("a rollback was accepted during it"),
          done.liveChanges().toString());
    } finally {
      gate.countDown();
    }
  }

  /** Changes past a comparison's cap at the deployment's end: carried by one more comparison. */
  @Test
  void theLastComparisonRepeatsWhileChangesWaitPastItsCap() throws Exception {
    platforms.liveFindings.add(
        List.of(
            new LiveCollectionResult(
                "collection_0", 0, 1, 0, 0, 0, 5, List.of(CARRIED_EDIT), null)));
    platforms.liveFindings.add(
        List.of(
            new LiveCollectionResult(
                "collection_0", 1, 0, 0, 0, 0, 0, List.of(CARRIED_INSERT), null)));
    BlueGreenDeploymentWorkflow wf = live(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.liveChanges() != null);
    decide(wf, Decision.FINALIZE, "bob");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    assertEquals(
        List.of("catch-up carry", "catch-up carry"), platforms.callsStartingWith("catch-up"));
    assertEquals(2, collection(done, "collection_0").carried());
    assertEquals(0, collection(done, "collection_0").waiting());
    assertEquals(null, done.liveChanges().note(), done.liveChanges().toString());
  }

  /** Reporting moves nothing, so a repeat would find the same: what waits is named instead. */
  @Test
  void reportedChangesPastTheLastComparisonsCapAreNamedNotLost() throws Exception {
    platforms.liveFindings.add(
        List.of(
            new LiveCollectionResult(
                "collection_1",
                0,
                0,
                0,
                1,
                0,
                7,
                List.of(new LiveChange("\"a\"", "updated", "reported", null, null)),
                null)));
    DeploymentRequest request =
        BlueGreenDeploymentWorkflowTest.request()
            .withLive(new LiveOptions(new BlueChangesOptions("report", "PT30S", 1)));
    BlueGreenDeploymentWorkflow wf = live(request);
    await(wf, s -> s.liveChanges() != null);
    decide(wf, Decision.FINALIZE, "bob");
    DeploymentStatus done = result(wf);
    assertEquals(List.of("catch-up report"), platforms.callsStartingWith("catch-up"));
    String note = done.liveChanges().note();
    assertTrue(
        note.contains("7 changed documents were past its cap")
            && note.contains("compare Blue with Green by hand"),
        note);
    assertTrue(event(done, note), done.events().toString());
  }
}
