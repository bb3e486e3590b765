package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * What the workflow asks of its activities, checked on the inputs they receive (Mockito mocks): the
 * request's batch size, throttle rate and parallelism reach every copy, its switch paths every
 * switch, its traffic connection and key the traffic step, its webhook the notification. Written
 * against the public workflow and activity interfaces only.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeploymentActivityInputsTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  static final PlatformSpec BLUE =
      new PlatformSpec("bluemongo", "itential", "blueredis", 0, "blue");
  static final PlatformSpec GREEN =
      new PlatformSpec("greenmongo", "itential_green", "greenredis", 3, "green");

  static Map<String, Long> blueCollections() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("workflows", 1200L);
    c.put("forms", 40L);
    c.put("templates", 300L);
    return c;
  }

  static DeploymentRequest request() {
    return new DeploymentRequest(
        "inputs-test",
        BLUE,
        GREEN,
        null,
        new Switches("workers.jobs", "workers.tasks"),
        new CopyOptions(250, 2, true, 1234),
        new ApprovalOptions("PT1H"),
        new CutoverOptions(
            "trafficredis",
            "bg:active",
            "PT5M",
            new TrafficWebhook("https://lb.example/bluegreen", "PUT")),
        "PT1H");
  }

  static <T> List<T> captured(ArgumentCaptor<T> captor) {
    return new ArrayList<>(captor.getAllValues());
  }

  @Test
  void activitiesReceiveTheRequestsBatchSizeRateSwitchPathsAndTrafficConnection() throws Exception {
    MockedActivities mocks = new MockedActivities(blueCollections());
    fixture.activities(mocks.all());
    BlueGreenDeploymentWorkflow wf = fixture.start("bluegreen-inputs", request());
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);

    // Before approval: read-only preflight, Green's provisioning, copies and verification; no
    // switch.
    ArgumentCaptor<PreflightInput> preflight = ArgumentCaptor.forClass(PreflightInput.class);
    verify(mocks.preflight).preflight(preflight.capture());
    assertEquals(BLUE, preflight.getValue().blue());
    assertEquals(GREEN, preflight.getValue().green());
    assertEquals(new Switches("workers.jobs", "workers.tasks"), preflight.getValue().switches());
    assertTrue(preflight.getValue().greenMustBeEmpty());

    ArgumentCaptor<ProvisionInput> provision = ArgumentCaptor.forClass(ProvisionInput.class);
    verify(mocks.provisioning).provisionGreen(provision.capture());
    assertEquals(GREEN, provision.getValue().green());
    assertEquals(new Switches("workers.jobs", "workers.tasks"), provision.getValue().switches());

    ArgumentCaptor<CopyInput> copies = ArgumentCaptor.forClass(CopyInput.class);
    verify(mocks.copy, times(3)).copyCollection(copies.capture());
    assertEquals(
        new TreeSet<>(blueCollections().keySet()),
        new TreeSet<>(captured(copies).stream().map(CopyInput::collection).toList()),
        "each collection once");
    for (CopyInput c : captured(copies)) {
      assertEquals(BLUE, c.blue());
      assertEquals(GREEN, c.green());
      assertEquals(250, c.batchSize(), "the request's batch size");
      assertEquals(1234, c.documentsPerSecond(), "the request's throttle rate");
    }
    ArgumentCaptor<VerifyCollectionsInput> verifies =
        ArgumentCaptor.forClass(VerifyCollectionsInput.class);
    verify(mocks.copy, atLeastOnce()).verifyCollections(verifies.capture());
    assertEquals(
        new TreeSet<>(blueCollections().keySet()),
        new TreeSet<>(verifies.getValue().collections()));
    assertEquals(2, verifies.getValue().parallel(), "the request's parallelism");
    verify(mocks.cutover, never()).setSwitch(any());

    assertTrue(wf.approveCutoverDecision(new OperatorSignal("alice", "go")).accepted());
    await(wf, s -> s.phase() == Phase.LIVE);

    ArgumentCaptor<SwitchInput> switches = ArgumentCaptor.forClass(SwitchInput.class);
    verify(mocks.cutover, atLeastOnce()).setSwitch(switches.capture());
    List<String> flips = new ArrayList<>();
    for (SwitchInput s : captured(switches)) {
      assertEquals(
          s.colour() == Colour.BLUE ? BLUE : GREEN,
          s.platform(),
          "a switch acts on its own platform");
      assertEquals(
          s.switchName() == WorkerSwitch.START_JOBS ? "workers.jobs" : "workers.tasks",
          s.path(),
          "the request's path of " + s.switchName());
      flips.add(s.colour() + " " + s.switchName() + " " + (s.on() ? "on" : "off"));
    }
    assertEquals("blue startJobs off", flips.get(0), "Blue stops taking new jobs first");
    assertTrue(
        flips.containsAll(
            List.of("green startJobs on", "green taskWorker on", "blue taskWorker off")),
        "" + flips);
    assertEquals(
        Map.of(
            "blue/startJobs",
            false,
            "blue/taskWorker",
            false,
            "green/startJobs",
            true,
            "green/taskWorker",
            true),
        mocks.switches,
        "Green serves, Blue stands by");

    // Three-way sync: a baseline of every collection, then passes, all with the request's
    // parallelism.
    ArgumentCaptor<BaselineInput> baseline = ArgumentCaptor.forClass(BaselineInput.class);
    verify(mocks.sync, atLeastOnce()).recordBaseline(baseline.capture());
    assertEquals(
        new TreeSet<>(blueCollections().keySet()),
        new TreeSet<>(baseline.getValue().collections()));
    assertEquals(2, baseline.getValue().parallel());
    assertEquals(BLUE, baseline.getValue().blue());
    ArgumentCaptor<SyncInput> syncs = ArgumentCaptor.forClass(SyncInput.class);
    verify(mocks.sync, atLeastOnce()).syncCollections(syncs.capture());
    for (var sync : captured(syncs)) {
      assertEquals(2, sync.parallel(), "the request's parallelism: " + sync);
      assertEquals(BLUE, sync.blue());
      assertEquals(GREEN, sync.green());
    }
    assertEquals(
        SyncInput.FINAL,
        syncs.getValue().pass(),
        "the last pass before Green goes live is the final one");

    ArgumentCaptor<DrainInput> drain = ArgumentCaptor.forClass(DrainInput.class);
    verify(mocks.cutover).waitForDrain(drain.capture());
    assertEquals(BLUE, drain.getValue().blue());
    assertEquals("PT5M", drain.getValue().timeout(), "the request's drain timeout");

    ArgumentCaptor<TrafficInput> traffic = ArgumentCaptor.forClass(TrafficInput.class);
    verify(mocks.cutover).pointTraffic(traffic.capture());
    assertEquals("trafficredis", traffic.getValue().redis(), "the request's traffic connection");
    assertEquals("bg:active", traffic.getValue().key());
    assertEquals(Colour.GREEN, traffic.getValue().colour());
    assertEquals("inputs-test", traffic.getValue().deployment());

    ArgumentCaptor<WebhookInput> hook = ArgumentCaptor.forClass(WebhookInput.class);
    verify(mocks.cutover).notifyTraffic(hook.capture());
    assertEquals(
        new TrafficWebhook("https://lb.example/bluegreen", "PUT"), hook.getValue().webhook());
    assertEquals(Colour.GREEN, hook.getValue().colour());
    assertEquals(traffic.getValue().deployment(), hook.getValue().deployment());
    assertEquals(
        traffic.getValue().changedAt(),
        hook.getValue().changedAt(),
        "one change, one time, on the key and the webhook");

    assertTrue(wf.finalizeDecision(new OperatorSignal("alice", "done")).accepted());
    assertEquals(
        Phase.COMPLETED, WorkflowStub.fromTyped(wf).getResult(DeploymentStatus.class).phase());
  }

  @Test
  void trafficGoesToBluesRedisWhenTheRequestNamesNoTrafficConnection() throws Exception {
    MockedActivities mocks = new MockedActivities(blueCollections());
    fixture.activities(mocks.all());
    DeploymentRequest r = request();
    DeploymentRequest noTrafficConnection =
        new DeploymentRequest(
            r.deployment(),
            r.blue(),
            r.green(),
            null,
            null,
            new CopyOptions(100, 1, true),
            null,
            null,
            null);
    BlueGreenDeploymentWorkflow wf = fixture.start("bluegreen-defaults", noTrafficConnection);
    await(wf, s -> s.phase() == Phase.AWAITING_APPROVAL);
    ArgumentCaptor<CopyInput> copies = ArgumentCaptor.forClass(CopyInput.class);
    verify(mocks.copy, times(3)).copyCollection(copies.capture());
    assertTrue(
        captured(copies).stream()
            .allMatch(c -> c.batchSize() == 100 && c.documentsPerSecond() == 0),
        "batch size as asked, no throttle by default: " + captured(copies));
    wf.approveCutoverDecision(new OperatorSignal("alice", "go"));
    await(wf, s -> s.phase() == Phase.LIVE);
    ArgumentCaptor<SwitchInput> switches = ArgumentCaptor.forClass(SwitchInput.class);
    verify(mocks.cutover, atLeastOnce()).setSwitch(switches.capture());
    assertTrue(
        captured(switches).stream().allMatch(s -> s.path() == null),
        "no profile field is toggled unless the request names it (the API switches; without one PREFLIGHT refuses): "
            + captured(switches));
    ArgumentCaptor<TrafficInput> traffic = ArgumentCaptor.forClass(TrafficInput.class);
    verify(mocks.cutover).pointTraffic(traffic.capture());
    assertEquals(
        "blueredis", traffic.getValue().redis(), "the default traffic connection is Blue's Redis");
    assertEquals("bluegreen:active", traffic.getValue().key());
    verify(mocks.cutover, never()).notifyTraffic(any());
  }
}
