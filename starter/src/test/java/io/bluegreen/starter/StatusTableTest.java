package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.RestoreReport;
import io.bluegreen.workflows.model.SignalRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StatusTableTest {
  static DeploymentStatus sample(Phase phase) {
    return new DeploymentStatus(
        "iap-6-upgrade",
        phase,
        new PlatformSpec("local", "itential", "local", 0, "blue"),
        new PlatformSpec("local", "itential_green", "local", 1, "green"),
        Colour.BLUE,
        List.of(
            new CollectionProgress(
                "workflows",
                560,
                1_000_000,
                560,
                560,
                true,
                "9f2c41d07aa8e61b",
                "9f2c41d07aa8e61b",
                0L),
            new CollectionProgress("templates", 200, 50_000, 0, 0, null, null, null, null)),
        List.of(),
        List.of(),
        List.of(
            new SignalRecord(
                "rollback",
                "alice",
                "too early",
                "2024-05-01T10:00:00Z",
                Phase.AWAITING_APPROVAL,
                false,
                "rollback is accepted only in LIVE")),
        List.of(
            new DeploymentEvent(
                "2024-05-01T09:59:00Z",
                Phase.VERIFYING,
                "workflows verified: 560 documents match")),
        "approveCutover (or abort, resync)",
        null);
  }

  @Test
  void showsBothReleasesWhenPreflightFoundThem() {
    DeploymentStatus s = sample(Phase.COPYING);
    DeploymentStatus withReleases =
        new DeploymentStatus(
            s.deployment(),
            s.phase(),
            s.blue(),
            s.green(),
            s.activeColour(),
            s.collections(),
            s.excluded(),
            s.approvals(),
            s.rejections(),
            s.events(),
            s.waitingFor(),
            s.error(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "2023.2.4",
            "6.0.3",
            null,
            null,
            null);
    String out =
        StatusTable.render(
            new StatusView("bluegreen-itential", "RUNNING", withReleases, Map.of(), null));
    assertTrue(out.contains("  releases: Blue 2023.2.4, Green 6.0.3\n"), out);
    assertTrue(
        !StatusTable.render(new StatusView("bluegreen-itential", "RUNNING", s, Map.of(), null))
            .contains("releases:"));
  }

  @Test
  void showsPhaseCollectionsAndRejectionNotes() {
    StatusView view =
        new StatusView(
            "bluegreen-itential",
            "RUNNING",
            sample(Phase.AWAITING_APPROVAL),
            Map.of("templates", new CopyCheckpoint("templates", "{\"$oid\": \"x\"}", 120, 3000)),
            null);
    String out = StatusTable.render(view);
    assertTrue(out.contains("phase:    AWAITING_APPROVAL"), out);
    assertTrue(out.contains("waiting for: approveCutover (or abort, resync)"), out);
    assertTrue(
        out.matches(
            "(?s).*workflows\\s+560\\s+560\\s+560\\s+yes\\s+9f2c41d07aa8\\s+9f2c41d07aa8.*"),
        out);
    // the running copy's heartbeat is ahead of the query's count
    assertTrue(out.matches("(?s).*templates\\s+200\\s+120\\s+0\\s+copying.*"), out);
    assertTrue(out.contains("rejected decisions"), out);
    assertTrue(out.contains("rollback is accepted only in LIVE"), out);
    assertTrue(out.contains("alice"), out);
    assertTrue(out.contains("itential_green"), out);
    assertTrue(out.contains("workflows verified: 560 documents match"), out);
  }

  @Test
  void showsARestoreStillTurningGreenOffAndCappedDecisionCounts() {
    DeploymentStatus s = sample(Phase.ROLLED_BACK);
    DeploymentStatus restored =
        new DeploymentStatus(
            s.deployment(),
            s.phase(),
            s.blue(),
            s.green(),
            Colour.BLUE,
            s.collections(),
            s.excluded(),
            s.approvals(),
            s.rejections(),
            s.events(),
            null,
            null,
            null,
            3,
            250,
            new RestoreReport(
                "rollback by bob",
                "2024-05-01T10:00:00Z",
                true,
                "2024-05-01T10:00:02Z",
                List.of(),
                null,
                "2024-05-01T10:30:02Z",
                "turning Green's workers off; trying until 2024-05-01T10:30:02Z"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    String out =
        StatusTable.render(
            new StatusView("bluegreen-itential", "RUNNING", restored, Map.of(), null));
    assertTrue(
        out.contains(
            "restore:  rollback by bob: Blue serving since 2024-05-01T10:00:02Z; Green not yet confirmed off"
                + " (trying until 2024-05-01T10:30:02Z)"),
        out);
    assertTrue(out.contains("rejected decisions (latest 1 of 250)"), out);
  }

  @Test
  void namesEveryConflictAndWhatTheSyncCarriedAndKept() {
    DeploymentStatus s = sample(Phase.AWAITING_APPROVAL);
    List<CollectionProgress> synced =
        List.of(
            new CollectionProgress(
                "workflows",
                560,
                1_000_000,
                560,
                560,
                true,
                "9f2c",
                "9f2c",
                0L,
                2L,
                5L,
                1L,
                0L,
                0L,
                null),
            new CollectionProgress(
                "templates",
                200,
                50_000,
                200,
                200,
                true,
                "aa",
                "aa",
                0L,
                0L,
                0L,
                0L,
                200L,
                1L,
                null));
    DeploymentStatus upgrade =
        new DeploymentStatus(
            s.deployment(),
            s.phase(),
            s.blue(),
            s.green(),
            Colour.BLUE,
            synced,
            s.excluded(),
            s.approvals(),
            s.rejections(),
            s.events(),
            null,
            null,
            null,
            1,
            1,
            null,
            List.of(new SyncConflict("templates", "\"templates-5\"", "updated", "updated")),
            3L,
            List.of(new ConfigChange("service_configs", "local_aaa", "updated")),
            true,
            null,
            null,
            null,
            null,
            null);
    String out =
        StatusTable.render(
            new StatusView("bluegreen-itential", "RUNNING", upgrade, Map.of(), null));
    assertTrue(out.contains("Green may now be started on its new release"), out);
    assertTrue(out.contains("CONFLICTS: 3 documents changed on both Blue and Green"), out);
    assertTrue(out.contains("templates  _id \"templates-5\"  Blue updated, Green updated"), out);
    assertTrue(out.contains("… and 2 more"), out);
    assertTrue(out.contains("service_configs 'local_aaa' updated"), out);
    assertTrue(out.matches("(?s).*workflows\\s+2\\s+5\\s+1\\s+0\\s+0.*"), out);
    assertTrue(out.matches("(?s).*templates\\s+0\\s+0\\s+0\\s+200\\s+1.*"), out);
  }

  @Test
  void progressBarsUseLiveCheckpoints() {
    StatusView view =
        new StatusView(
            "bluegreen-itential",
            "RUNNING",
            sample(Phase.COPYING),
            Map.of("templates", new CopyCheckpoint("templates", "x", 100, 3000)),
            null);
    String bars = ProgressBars.render(view);
    assertTrue(
        bars.contains("[###############---------------]  50%") && bars.contains("100/200 copying"),
        bars);
    assertTrue(
        Watcher.line(view).contains("documents 660/760 copied, 1/2 collections verified"),
        Watcher.line(view));
  }

  @Test
  void nextStepsFollowThePhase() {
    String live = String.join("\n", NextSteps.forPhase(Phase.LIVE, "id1"));
    assertTrue(
        live.contains("./bluegreen finalize id1") && live.contains("./bluegreen rollback id1"),
        live);
    assertFalse(live.contains("approve"), live);
  }
}
