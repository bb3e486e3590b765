package io.bluegreen.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.ConfigBaselineInput;
import io.bluegreen.workflows.activities.ConfigBaselineResult;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.DropBaselineResult;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisionResult;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.activities.RangeSplit;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.TrafficResult;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.Colour;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mockito mocks of every activity interface, answering as healthy platforms would (Blue has the
 * given collections, copies and verifications succeed, switches remember their state), so tests can
 * verify exactly what the workflow asked of them. Only the public activity interfaces are used, so
 * the workflow's internal structure can change freely.
 */
final class MockedActivities {
  final PreflightActivities preflight =
      mock(PreflightActivities.class, withSettings().withoutAnnotations());
  final ProvisioningActivities provisioning =
      mock(ProvisioningActivities.class, withSettings().withoutAnnotations());
  final CollectionCopyActivities copy =
      mock(CollectionCopyActivities.class, withSettings().withoutAnnotations());
  final CutoverActivities cutover =
      mock(CutoverActivities.class, withSettings().withoutAnnotations());
  final HealthActivities health = mock(HealthActivities.class, withSettings().withoutAnnotations());
  final SyncActivities sync = mock(SyncActivities.class, withSettings().withoutAnnotations());
  final GreenChangesActivities greenChanges =
      mock(GreenChangesActivities.class, withSettings().withoutAnnotations());

  /** Switch state by "colour/switchName": Blue's on, Green's off, as before a deployment. */
  final Map<String, Boolean> switches = new ConcurrentHashMap<>();

  private volatile String traffic;

  MockedActivities(Map<String, Long> blueCollections) {
    List<PlannedCollection> planned =
        blueCollections.entrySet().stream()
            .map(e -> new PlannedCollection(e.getKey(), e.getValue(), e.getValue() * 100, 1))
            .toList();
    long total = blueCollections.values().stream().mapToLong(Long::longValue).sum();
    when(preflight.preflight(any(PreflightInput.class)))
        .thenReturn(new PreflightReport(planned, List.of(), total, total * 100, List.of()));
    when(provisioning.provisionGreen(any(ProvisionInput.class)))
        .thenAnswer(
            i -> new ProvisionResult(i.getArgument(0, ProvisionInput.class).green().profile(), 6));
    when(copy.copyCollection(any(CopyInput.class)))
        .thenAnswer(
            i -> {
              String name = i.getArgument(0, CopyInput.class).collection();
              return new CopyResult(
                  name, blueCollections.get(name), blueCollections.get(name) * 100, 1);
            });
    // Collections too small to split, unless a test says otherwise: each is copied whole.
    when(copy.splitCollection(any(RangeSplitInput.class)))
        .thenAnswer(
            i ->
                new RangeSplit(i.getArgument(0, RangeSplitInput.class).collection(), 1, List.of()));
    when(copy.verifyCollections(any(VerifyCollectionsInput.class)))
        .thenAnswer(
            i ->
                new VerifyCollectionsResult(
                    i.getArgument(0, VerifyCollectionsInput.class).collections().stream()
                        .map(name -> match(name, blueCollections.get(name)))
                        .toList()));
    when(copy.verifyCollection(any(VerifyInput.class)))
        .thenAnswer(
            i -> {
              String name = i.getArgument(0, VerifyInput.class).collection();
              return match(name, blueCollections.get(name));
            });
    when(copy.resyncCollection(any(ResyncInput.class)))
        .thenAnswer(
            i -> new ResyncResult(i.getArgument(0, ResyncInput.class).collection(), 0, 0, 0));
    when(cutover.setSwitch(any(SwitchInput.class)))
        .thenAnswer(
            i -> {
              SwitchInput in = i.getArgument(0, SwitchInput.class);
              Boolean previous = switches.put(in.colour() + "/" + in.switchName(), in.on());
              return new SwitchResult(
                  in.colour(),
                  in.switchName(),
                  previous != null ? previous : in.colour() == Colour.BLUE,
                  in.on());
            });
    when(cutover.readSwitch(any(SwitchInput.class)))
        .thenAnswer(
            i -> {
              SwitchInput in = i.getArgument(0, SwitchInput.class);
              Boolean now = switches.get(in.colour() + "/" + in.switchName());
              boolean state = now != null ? now : in.colour() == Colour.BLUE;
              return new SwitchResult(in.colour(), in.switchName(), state, state);
            });
    when(cutover.waitForDrain(any(DrainInput.class))).thenReturn(new DrainResult(true, 0));
    when(cutover.pointTraffic(any(TrafficInput.class)))
        .thenAnswer(
            i -> {
              String previous = traffic;
              Colour colour = i.getArgument(0, TrafficInput.class).colour();
              traffic = colour.wire();
              return new TrafficResult(previous, colour);
            });
    // Three-way sync: a baseline of identical sides, and passes that find nothing to do.
    when(sync.recordBaseline(any(BaselineInput.class)))
        .thenAnswer(
            i ->
                new BaselineResult(
                    i.getArgument(0, BaselineInput.class).collections().stream()
                        .map(
                            name ->
                                new BaselineResult.Collection(
                                    name, blueCollections.get(name), 0, false))
                        .toList()));
    when(sync.prepareBaseline(any(PrepareBaselineInput.class)))
        .thenReturn(new PrepareBaselineResult(List.of(), 0));
    when(sync.recordConfigBaseline(any(ConfigBaselineInput.class)))
        .thenReturn(new ConfigBaselineResult(true, 6));
    when(sync.syncCollections(any(SyncInput.class)))
        .thenAnswer(
            i -> {
              SyncInput in = i.getArgument(0, SyncInput.class);
              List<String> names =
                  in.collections() == null
                      ? List.copyOf(blueCollections.keySet())
                      : in.collections();
              return new SyncResult(
                  in.pass(),
                  names.stream()
                      .map(
                          name ->
                              new SyncCollectionResult(
                                  name, 0, 0, 0, 0, 0, 0, false, false, false, null))
                      .toList(),
                  List.of(),
                  0,
                  List.of());
            });
    when(sync.dropBaseline(any(DropBaselineInput.class))).thenReturn(new DropBaselineResult(1));
    when(sync.catchUpBlue(any(LiveChangesInput.class)))
        .thenAnswer(
            i -> new LiveChangesResult(i.getArgument(0, LiveChangesInput.class).mode(), List.of()));
    // Green's changes since the cutover: none.
    when(greenChanges.diffGreen(any(GreenDiffInput.class)))
        .thenReturn(new GreenDiffResult(List.of(), 0, 0, 0));
    when(cutover.notifyTraffic(any(WebhookInput.class)))
        .thenAnswer(i -> new WebhookResult(i.getArgument(0, WebhookInput.class).colour(), 204));
  }

  private static VerifyResult match(String name, long documents) {
    String digest = "d".repeat(64);
    return new VerifyResult(name, documents, documents, digest, digest, 0, 0, 0, List.of(), true);
  }

  Object[] all() {
    return new Object[] {preflight, provisioning, copy, cutover, health, sync, greenChanges};
  }
}
