package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.BlueJobsReport;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generation 2's cutover around Blue's jobs (issue 18): the fence (Blue's taskWorker off before the
 * final pass), Blue's unfinished jobs named and left or cancelled when the drain ends, the optional
 * overlap (Green on before Blue drained), and a restore that puts Blue's switches back as they
 * were.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BlueJobsAndFenceWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();
  private final FakePlatforms platforms = new FakePlatforms(2, 100);

  static DeploymentRequest request(BlueJobsPolicy policy, Boolean overlap) {
    DeploymentRequest r = BlueGreenDeploymentWorkflowTest.request();
    return new DeploymentRequest(
        r.deployment(),
        policy == BlueJobsPolicy.CANCEL ? r.blue().withApiAndHealth("blue-api", null) : r.blue(),
        r.green(),
        null,
        null,
        null,
        null,
        new CutoverOptions(null, null, "PT10M").withBlueJobs(policy, overlap),
        null);
  }

  private BlueGreenDeploymentWorkflow approved(DeploymentRequest request) throws Exception {
    fixture.platforms(platforms);
    BlueGreenDeploymentWorkflow wf = fixture.start(request);
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(wf.approveCutoverDecision(by("alice")).accepted());
    return wf;
  }

  /** The cutover's moves and passes, in order, from the calls the workflow made. */
  private List<String> cutoverOrder() {
    return platforms.calls.stream()
        .filter(
            c ->
                c.startsWith("switch ")
                    || c.equals("drain")
                    || c.equals("sync final")
                    || c.startsWith("traffic ")
                    || c.equals("cancel blue jobs"))
        .toList();
  }

  @Test
  void blueTaskWorkerGoesOffAfterTheDrainAndBeforeTheFinalPass() throws Exception {
    BlueGreenDeploymentWorkflow wf = approved(BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.LIVE);
    assertEquals(
        List.of(
            "switch blue.startJobs=false",
            "drain",
            "switch blue.taskWorker=false",
            "sync final",
            "switch green.startJobs=true",
            "switch green.taskWorker=true",
            "traffic green"),
        cutoverOrder());
    assertTrue(
        platforms.calls.indexOf("read blue.taskWorker")
            < platforms.calls.indexOf("switch blue.taskWorker=false"),
        "Blue's switch is read before it moves, so the restore knows how it was: "
            + platforms.calls);
  }

  @Test
  void pausedAndErroredJobsAreNamedAsStayingOnBlueByDefault() throws Exception {
    platforms.blueJobs.put("job-1", "running");
    platforms.blueJobs.put("job-2", "paused");
    platforms.blueJobs.put("job-3", "error");
    BlueGreenDeploymentWorkflow wf = approved(BlueGreenDeploymentWorkflowTest.request());
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);

    BlueJobsReport jobs = live.blueJobs();
    assertNotNull(jobs, "the status names Blue's unfinished jobs");
    assertEquals(BlueJobsPolicy.LEAVE, jobs.policy());
    assertEquals(2, jobs.staying());
    assertEquals(1L, jobs.jobs().byStatus().get("paused"));
    assertEquals(1L, jobs.jobs().byStatus().get("error"));
    assertTrue(
        live.events().stream()
            .anyMatch(
                e ->
                    e.message().contains("2 jobs stay on Blue")
                        && e.message().contains("job-2 (paused)")
                        && e.message().contains("job-3 (error)")),
        "an event names them: " + live.events());
    assertFalse(platforms.calls.contains("cancel blue jobs"), "leave cancels nothing");
  }

  @Test
  void cancelAtTheDrainTimeoutCancelsBlueJobsInsteadOfAskingTheOperator() throws Exception {
    platforms.drains = false;
    platforms.blueJobs.put("job-1", "running");
    platforms.blueJobs.put("job-2", "paused");
    platforms.blueJobs.put("job-3", "error");
    BlueGreenDeploymentWorkflow wf = approved(request(BlueJobsPolicy.CANCEL, null));
    DeploymentStatus live = awaitPhase(wf, Phase.LIVE);

    assertEquals(
        List.of(
            "switch blue.startJobs=false",
            "drain",
            "cancel blue jobs",
            "switch blue.taskWorker=false",
            "sync final",
            "switch green.startJobs=true",
            "switch green.taskWorker=true",
            "traffic green"),
        cutoverOrder());
    BlueJobsReport jobs = live.blueJobs();
    assertEquals(3L, jobs.cancelled());
    assertEquals(List.of("job-1", "job-2", "job-3"), jobs.cancelledIds());
    assertEquals(0L, jobs.staying());
    assertTrue(
        live.approvals().stream().noneMatch(a -> a.by().equals("bob")),
        "no drain decision was needed");
    assertTrue(
        live.events().stream().noneMatch(e -> e.message().startsWith("drain timed out")),
        "the operator was not asked: " + live.events());
  }

  @Test
  void overlapSwitchesGreenOnBeforeWaitingForBlueThenTurnsBlueTaskWorkerOff() throws Exception {
    platforms.drainGate = new CountDownLatch(1); // a long-running Blue job
    platforms.blueJobs.put("job-1", "running");
    BlueGreenDeploymentWorkflow wf = approved(request(null, true));
    await(wf, s -> platforms.calls.contains("drain"));
    assertEquals(true, platforms.switches.get("green.startJobs"), "Green takes jobs already");
    assertEquals("green", platforms.traffic);
    assertEquals(
        true,
        platforms.switches.getOrDefault("blue.taskWorker", true),
        "Blue's task worker stays on while its running jobs finish");
    platforms.drainGate.countDown();
    awaitPhase(wf, Phase.LIVE);
    assertEquals(
        List.of(
            "switch blue.startJobs=false",
            "sync final",
            "switch green.startJobs=true",
            "switch green.taskWorker=true",
            "traffic green",
            "drain",
            "switch blue.taskWorker=false"),
        cutoverOrder());
  }

  @Test
  void aRollbackDuringTheOverlapRestoresBlueAndLeavesItsTaskWorkerOn() throws Exception {
    platforms.drainGate = new CountDownLatch(1);
    BlueGreenDeploymentWorkflow wf = approved(request(null, true));
    await(wf, s -> platforms.calls.contains("drain"));
    assertTrue(wf.rollbackDecision(by("bob")).accepted(), "rollback fits: Blue was touched");
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(true, platforms.switches.get("blue.startJobs"));
    assertEquals(false, platforms.switches.get("green.startJobs"));
    assertEquals("blue", platforms.traffic);
    assertFalse(
        platforms.calls.contains("switch blue.taskWorker=false"), "Blue's task worker never moved");
  }

  @Test
  void aRestorePutsBlueSwitchesBackAsTheyWereBeforeTheCutover() throws Exception {
    // Blue's job start was off before the deployment (an operator had paused it); its task worker
    // on.
    platforms.switches.put("blue.startJobs", false);
    BlueGreenDeploymentWorkflow wf = approved(BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.LIVE);
    assertTrue(wf.rollbackDecision(by("bob")).accepted());
    DeploymentStatus done = result(wf);
    assertEquals(Phase.ROLLED_BACK, done.phase());
    assertEquals(
        false, platforms.switches.get("blue.startJobs"), "off before the cutover, off after it");
    assertEquals(true, platforms.switches.get("blue.taskWorker"), "on before, on again");
    assertFalse(
        platforms.calls.contains("switch blue.startJobs=true"),
        "the restore never turned Blue's job start on: " + platforms.calls);
  }
}
