package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Green's changes at a rollback from LIVE (generation 2): Blue is restored first, then Green is
 * compared with the final pass's baseline; while Green holds changes not carried back the
 * deployment waits in ROLLING_BACK for carryBack (Green's changes of the named collections to Blue)
 * or finalize, bounded by the failover window's length. Nothing is carried back by default.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GreenChangesWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  private final FakePlatforms platforms = new FakePlatforms(2, 100);

  private static final String CREATED = "{\"$oid\": \"65f000000000000000000001\"}";
  private static final String EDITED = "{\"$oid\": \"65f000000000000000000002\"}";

  private BlueGreenDeploymentWorkflow live() throws InterruptedException {
    BlueGreenDeploymentWorkflow wf =
        fixture.platforms(platforms).start(BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(by("alice")).accepted());
    awaitPhase(wf, Phase.LIVE);
    return wf;
  }

  /** Users created one document and edited another in collection_0 on Green while LIVE. */
  private void greenEditedWhileLive() {
    platforms.greenLiveChanges.put(
        "collection_0", List.of(List.of(CREATED), List.of(EDITED), List.of()));
  }

  private static OperatorSignal carryBack(String who, String... collections) {
    return new OperatorSignal(who, "keep what users built", null, null, List.of(collections));
  }

  private static DeploymentStatus awaitReview(BlueGreenDeploymentWorkflow wf)
      throws InterruptedException {
    return await(
        wf,
        s ->
            s.phase() == Phase.ROLLING_BACK
                && s.waitingFor() != null
                && s.waitingFor().startsWith("carryBack or finalize"));
  }

  private void assertBlueServing() {
    assertEquals(true, platforms.switches.get("blue.startJobs"), "Blue takes jobs");
    assertEquals(true, platforms.switches.get("blue.taskWorker"), "Blue runs tasks");
    assertEquals("blue", platforms.traffic, "traffic key points at Blue");
  }

  @Test
  void rollbackListsGreensChangesWaitsAndCarryBackPutsThemOnBlue() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    assertTrue(wf.rollbackDecision(by("bob")).accepted());

    DeploymentStatus waiting = awaitReview(wf);
    assertBlueServing();
    assertTrue(waiting.restore().blueServing());
    GreenChanges g = waiting.greenChanges();
    assertNotNull(g, "greenChanges in status");
    assertEquals(1L, g.created());
    assertEquals(1L, g.changed());
    GreenCollectionChanges c = g.collections().get(0);
    assertEquals("collection_0", c.collection());
    assertEquals(List.of(CREATED), c.createdIds());
    assertEquals(List.of(EDITED), c.changedIds());
    assertTrue(
        waiting.events().stream().anyMatch(e -> e.message().contains(CREATED)),
        "the event trail names the created document");
    assertTrue(platforms.callsStartingWith("carry-back").isEmpty(), "nothing carried by default");
    assertFalse(platforms.calls.contains("drop-baseline"), "baseline kept while waiting");

    DecisionResult answer = wf.carryBackDecision(carryBack("carol", "collection_0"));
    assertTrue(answer.accepted(), answer.note());
    assertEquals(Phase.ROLLING_BACK, answer.phase());

    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(List.of(CREATED, EDITED), platforms.carriedToBlue.get("collection_0"));
    assertEquals(1, done.greenChanges().carriedBack().size());
    assertEquals("carol", done.greenChanges().carriedBack().get(0).by());
    assertEquals(1, done.greenChanges().carriedBack().get(0).inserted());
    assertEquals(1, done.greenChanges().carriedBack().get(0).updated());
    assertTrue(platforms.calls.contains("drop-baseline"), "baseline dropped at the end");
    assertTrue(
        platforms.calls.indexOf("carry-back [collection_0]")
            < platforms.calls.indexOf("drop-baseline"));
  }

  @Test
  void finalizeEndsTheRollbackWithoutCarryingBack() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    wf.rollbackDecision(by("bob"));
    awaitReview(wf);
    DecisionResult answer = wf.finalizeDecision(by("dave"));
    assertTrue(answer.accepted(), answer.note());
    assertTrue(answer.note().contains("without carrying"), answer.note());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertTrue(platforms.callsStartingWith("carry-back").isEmpty());
    assertNull(done.greenChanges().carriedBack());
    assertEquals(1L, done.greenChanges().created(), "still listed in the final status");
  }

  @Test
  void withoutADecisionTheWaitEndsAfterTheFailoverWindowWithNothingCarried() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    wf.rollbackDecision(by("bob"));
    awaitReview(wf);
    DeploymentStatus done = result(wf); // time skips past the wait
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertTrue(platforms.callsStartingWith("carry-back").isEmpty());
    assertTrue(
        done.events().stream().anyMatch(e -> e.message().contains("nothing carried back")),
        "the timeout is named");
  }

  @Test
  void carryBackDecidedWhileLiveIsAppliedRightAfterBlueIsRestored() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    DecisionResult early = wf.carryBackDecision(carryBack("carol", "collection_0"));
    assertTrue(early.accepted(), early.note());
    assertTrue(early.note().contains("right after a rollback"), early.note());
    assertTrue(platforms.callsStartingWith("carry-back").isEmpty(), "not while Green is live");
    assertTrue(wf.rollbackDecision(by("bob")).accepted(), "a carryBack does not block rollback");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(List.of(CREATED, EDITED), platforms.carriedToBlue.get("collection_0"));
    // Blue first: its switches were restored before the comparison and the carry-back.
    int blueOn = platforms.calls.lastIndexOf("switch blue.startJobs=true");
    int diff = platforms.calls.indexOf("diff-green");
    assertTrue(blueOn >= 0 && diff > blueOn, platforms.calls.toString());
  }

  @Test
  void aRollbackWithoutGreenChangesEndsAtOnce() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    wf.rollbackDecision(by("bob"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(0L, done.greenChanges().created());
    assertTrue(
        done.events().stream()
            .anyMatch(e -> e.message().contains("Green made no changes since the cutover")));
  }

  @Test
  void aCollectionMadeOnGreenAfterTheCutoverIsNamedButHoldsNoWaitForACarryBack() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    platforms.greenOnlyCollections.put("custom_models", 2L);
    greenEditedWhileLive();
    wf.rollbackDecision(by("bob"));
    awaitReview(wf);

    // carryBack cannot take custom_models (not of the deployment): carrying collection_0 ends it.
    assertTrue(wf.carryBackDecision(carryBack("carol", "collection_0")).accepted());
    DeploymentStatus done = result(wf);

    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(3L, done.greenChanges().created(), done.greenChanges().toString());
    assertTrue(
        done.greenChanges().collections().stream()
            .anyMatch(
                c ->
                    c.collection().equals("custom_models")
                        && c.created() == 2
                        && FakePlatforms.MADE_ON_GREEN.equals(c.note())),
        done.greenChanges().toString());
    assertTrue(
        done.events().stream()
            .anyMatch(
                e ->
                    e.message().contains("custom_models")
                        && e.message().contains(FakePlatforms.MADE_ON_GREEN)),
        "the event says why it is not carried");
    assertTrue(
        done.events().stream()
            .anyMatch(
                e ->
                    e.message()
                        .contains(
                            "every collection of the deployment Green changed was carried back to Blue; collections made on Green after the cutover stay on Green")));
  }

  @Test
  void aRollbackWhoseGreenOnlyMadeACollectionEndsAtOnce() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    platforms.greenOnlyCollections.put("custom_models", 2L);
    wf.rollbackDecision(by("bob"));
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(2L, done.greenChanges().created());
    assertTrue(
        done.events().stream()
            .anyMatch(e -> e.message().contains("Green changed no collection of the deployment")),
        done.events().toString());
  }

  @Test
  void blueServesBeforeASlowComparisonFinishes() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    platforms.diffGate = new CountDownLatch(1);
    wf.rollbackDecision(by("bob"));
    DeploymentStatus comparing =
        await(
            wf,
            s ->
                s.restore() != null
                    && s.restore().blueServing()
                    && platforms.calls.contains("diff-green"));
    assertEquals(Phase.ROLLING_BACK, comparing.phase());
    assertBlueServing();
    assertNull(comparing.greenChanges(), "the comparison is still running");
    platforms.diffGate.countDown();
    awaitReview(wf);
    wf.finalizeDecision(by("dave"));
    assertEquals(Phase.ROLLED_BACK, result(wf).phase());
  }

  @Test
  void diffWhileLiveComparesNowAndFinalizeDropsACarryBackDecidedWhileLive() throws Exception {
    BlueGreenDeploymentWorkflow wf = live();
    greenEditedWhileLive();
    GreenChanges g = wf.diff(new DiffRequest(true));
    assertEquals(Phase.LIVE, g.phase());
    assertEquals(1L, g.created());
    assertEquals(1L, wf.status().greenChanges().changed());

    assertTrue(wf.carryBackDecision(carryBack("carol", "collection_0")).accepted());
    DecisionResult finalize = wf.finalizeDecision(by("dave"));
    assertTrue(finalize.accepted(), "a carryBack does not block finalize: " + finalize.note());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.COMPLETED, done.phase());
    assertTrue(platforms.callsStartingWith("carry-back").isEmpty());
    assertTrue(
        done.events().stream()
            .anyMatch(e -> e.message().contains("not applied: Green stays live")));
  }

  @Test
  void carryBackIsRejectedBeforeLiveAndRefusedForUnknownCollections() throws Exception {
    BlueGreenDeploymentWorkflow wf =
        fixture.platforms(platforms).start(BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    DecisionResult early = wf.carryBackDecision(carryBack("carol", "collection_0"));
    assertFalse(early.accepted());
    assertTrue(early.note().contains("carryBack is accepted in LIVE"), early.note());
    assertThrows(
        WorkflowUpdateException.class,
        () -> wf.carryBackDecision(carryBack("carol", "no_such_collection")));
    assertThrows(
        WorkflowUpdateException.class,
        () -> wf.carryBackDecision(new OperatorSignal("carol", "none named")));
    assertThrows(
        WorkflowUpdateException.class,
        () -> wf.diff(new DiffRequest(true)),
        "no comparison before LIVE");
    wf.abortDecision(by("alice"));
    assertEquals(Phase.ABORTED, result(wf).phase());
  }
}
