package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import io.bluegreen.workflows.model.Phase;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `status` and `watch` name Blue's changes after the final pass: totals, counts and documents. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LiveChangesViewTest {
  private static DeploymentStatus live(LiveChanges changes) {
    return new DeploymentStatus(
        "upgrade",
        Phase.LIVE,
        null,
        null,
        Colour.GREEN,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "finalize or rollback",
        null,
        "2026-12-04T10:00:00Z",
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        changes,
        null,
        null);
  }

  @Test
  void totalsCountsAndTheDocumentsNamed() {
    LiveChanges changes =
        new LiveChanges(
            "carry",
            "PT1M",
            4,
            "2026-12-03T10:04:00Z",
            List.of(
                new LiveCollectionChanges(
                    "forms",
                    1,
                    2,
                    0,
                    0,
                    1,
                    3,
                    List.of(
                        new LiveChange(
                            "{\"_id\": \"f1\"}",
                            "inserted",
                            "carried",
                            null,
                            "2026-12-03T10:01:00Z"),
                        new LiveChange(
                            "{\"_id\": \"f2\"}",
                            "updated",
                            "conflict",
                            "updated",
                            "2026-12-03T10:02:00Z")),
                    4,
                    null)),
            null);
    DeploymentStatus s = live(changes);
    String screen = StatusTable.render(new StatusView("bluegreen-x", "RUNNING", s, null, null));
    assertTrue(
        screen.contains(
            "Blue's changes since the final pass (carry, every PT1M): 3 carried to Green, 1 conflicts, 3 waiting; 4 passes, last 2026-12-03T10:04:00Z"),
        screen);
    assertTrue(
        screen.contains(
            "forms _id {\"_id\": \"f1\"}: Blue inserted, carried at 2026-12-03T10:01:00Z"),
        screen);
    assertTrue(
        screen.contains("forms _id {\"_id\": \"f2\"}: Blue updated, conflict (Green updated)"),
        screen);
    assertTrue(
        Watcher.screen(new StatusView("bluegreen-x", "RUNNING", s, null, null))
            .contains("3 carried to Green, 1 conflicts"));
    assertTrue(
        Watcher.line(new StatusView("bluegreen-x", "RUNNING", s, null, null))
            .contains("Blue's changes since the final pass"));
  }

  @Test
  void nothingBeforeLive() {
    assertEquals("", LiveChangesView.lines(live(null)));
  }
}
