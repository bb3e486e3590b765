package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.SyncOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upgrade's three-way sync as the workflow drives it: the baseline after the first verification
 * (then Green may start its new release), a full pass while Blue still takes jobs and only a final
 * pass after the drain, conflicts that stop the cutover with Blue serving, and resync with a policy
 * that settles them. The sync's document logic is tested against a real MongoDB-wire server in the
 * activities module; here {@link FakePlatforms} reports counts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ThreeWaySyncWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  private final FakePlatforms platforms = new FakePlatforms(2, 100);

  private BlueGreenDeploymentWorkflow start(DeploymentRequest request) {
    return fixture.platforms(platforms).start(request);
  }

  @Test
  void baselineThenFullPassWhileBlueServesAndOnlyAFinalPassAfterTheDrain() throws Exception {
    platforms.blueChangesPerPass = 3;
    platforms.greenOwnChanges = 100;
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    DeploymentStatus waiting = await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    assertEquals(
        Boolean.TRUE,
        waiting.greenMayStart(),
        "after the baseline Green may start its new release");
    List<String> calls = platforms.calls;
    assertTrue(
        calls.indexOf("config-baseline") == calls.indexOf("provision") + 1,
        "config baseline right after provisioning: " + calls);
    assertTrue(
        calls.indexOf("baseline 2") > calls.lastIndexOf("verify collection_1"),
        "baseline after the verification: " + calls);

    wf.approveCutoverDecision(by("alice"));
    DeploymentStatus live = await(wf, s -> s.phase() == Phase.LIVE);
    int full = calls.indexOf("sync full");
    int blueOff = calls.indexOf("switch blue.startJobs=false");
    int drain = calls.indexOf("drain");
    int fin = calls.indexOf("sync final");
    assertTrue(
        full >= 0
            && full < blueOff
            && blueOff < drain
            && drain < fin
            && fin < calls.indexOf("switch green.startJobs=true"),
        "full pass while Blue takes jobs, final pass after the drain: " + calls);
    assertFalse(
        calls.contains("verify collection_0") && calls.lastIndexOf("verify collection_0") > full,
        "the cutover syncs instead of re-verifying");
    CollectionProgress c = live.collections().get(0);
    assertEquals(6L, c.carriedUpdated(), "3 carried in each of the two passes");
    assertEquals(100L, c.greenKept(), "Green's own changes kept");
    assertEquals(0L, c.conflicts());

    wf.finalizeDecision(by("alice"));
    assertEquals(Phase.COMPLETED, result(wf).phase());
    assertTrue(calls.contains("drop-baseline"), "the baseline goes when the deployment closes");
  }

  @Test
  void aConflictStopsTheCutoverWithBlueServingAndResyncWithAPolicySettlesIt() throws Exception {
    platforms.conflicts = 2;
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));

    DeploymentStatus halted =
        await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL && s.conflictsTotal() != null);
    assertEquals(2L, halted.conflictsTotal());
    assertEquals("collection_0", halted.conflicts().get(0).collection());
    assertEquals("updated", halted.conflicts().get(0).blueChange());
    assertTrue(
        platforms.callsStartingWith("switch").isEmpty(),
        "Blue untouched: the full pass runs before any switch");
    assertTrue(
        halted.events().stream()
            .anyMatch(e -> e.message().contains("conflict in collection_0 _id")),
        halted.events().toString());

    assertTrue(
        wf.resyncDecision(new OperatorSignal("dave", "Blue is right", "blue-wins", null))
            .accepted());
    DeploymentStatus resolved =
        await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL && s.conflictsTotal() == 0);
    SyncInput resync = platforms.syncInputs.get(platforms.syncInputs.size() - 1);
    assertEquals(SyncPolicy.BLUE_WINS, resync.policy().forCollection("collection_0"));
    assertEquals(List.of(), resolved.conflicts());

    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> s.phase() == Phase.LIVE);
    assertEquals("green", platforms.traffic);
  }

  @Test
  void aConflictFoundAfterTheDrainTurnsBlueBackOn() throws Exception {
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("drain"));
    platforms.conflicts =
        1; // a user edits on Blue what Green's migration changed, during the drain
    platforms.drainGate.countDown();

    DeploymentStatus halted =
        await(
            wf,
            s ->
                s.phase() == Phase.AWAITING_APPROVAL
                    && s.conflictsTotal() != null
                    && s.conflictsTotal() == 1);
    assertEquals(true, platforms.switches.get("blue.startJobs"), "Blue takes jobs again");
    assertTrue(platforms.callsStartingWith("switch green").isEmpty(), "Green never switched on");
    assertEquals(null, platforms.traffic);
    assertTrue(halted.restore().blueServing());
    wf.abortDecision(by("carol"));
    assertEquals(Phase.ABORTED, result(wf).phase());
  }

  @Test
  void aRollbackSentWhileAHaltRestoresBlueEndsTheDeployment() throws Exception {
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("drain"));
    platforms.conflicts = 1;
    platforms.blueOnGate = new CountDownLatch(1); // the halt's restore of Blue's startJobs is slow
    platforms.drainGate.countDown();
    // Latest first: the fence moved Blue's taskWorker last, so its restore is the first held.
    await(wf, s -> platforms.calls.contains("switch blue.taskWorker=true"));

    assertTrue(
        wf.rollbackDecision(by("bob")).accepted(), "rollback fits: a Blue switch has changed");
    platforms.blueOnGate.countDown();
    DeploymentStatus done = result(wf);
    assertEquals(
        Phase.ROLLED_BACK, done.phase(), "the accepted rollback is acted on, not left pending");
    assertEquals(true, platforms.switches.get("blue.startJobs"));
  }

  @Test
  void aHaltWhoseRestoreOfBlueFailsEndsFailedInsteadOfSayingBlueServes() throws Exception {
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = start(BlueGreenDeploymentWorkflowTest.request());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    await(wf, s -> platforms.calls.contains("drain"));
    platforms.conflicts = 1;
    platforms.blueOnFails = true; // Blue's own API is down when the halt restores it
    platforms.drainGate.countDown();

    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(
        message.contains("Blue could not be restored") && message.contains("check Blue's switches"),
        message);
    assertEquals(Phase.FAILED, wf.status().phase());
    assertFalse(wf.status().restore().blueServing());
  }

  @Test
  void theRequestCanSetGreenWinsUpFrontAndKeepTheBaseline() throws Exception {
    platforms.conflicts = 2;
    platforms.newBlueCollection = "tags";
    BlueGreenDeploymentWorkflow wf =
        start(
            BlueGreenDeploymentWorkflowTest.request()
                .withSync(
                    new SyncOptions("green-wins", Map.of("collection_1", "blue-wins"), true)));
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    wf.approveCutoverDecision(by("alice"));
    DeploymentStatus live = await(wf, s -> s.phase() == Phase.LIVE);
    SyncInput full = platforms.syncInputs.get(0);
    assertEquals(SyncPolicy.GREEN_WINS, full.policy().forCollection("collection_0"));
    assertEquals(SyncPolicy.BLUE_WINS, full.policy().forCollection("collection_1"));
    assertTrue(
        live.collections().stream()
            .anyMatch(c -> c.name().equals("tags") && c.carriedInserted() == 7),
        "a collection Blue created after the copy is in the status: " + live.collections());
    assertTrue(
        platforms.syncInputs.get(1).collections().contains("tags"), "and in every later pass");
    wf.finalizeDecision(by("alice"));
    result(wf);
    assertFalse(platforms.calls.contains("drop-baseline"), "sync.keepBaseline keeps it");
  }
}
