package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.CarryBackReport;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.Phase;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code ./bluegreen diff} and {@code status} print of Green's changes since the cutover. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class GreenChangesViewTest {
  private static final String A = "{\"_id\": \"a\"}";
  private static final String B = "{\"_id\": \"b\"}";

  @Test
  void diffNamesEachCollectionsIdsSaysHowManyMoreAndWhatWasCarriedBack() {
    GreenChanges g =
        new GreenChanges(
            "2026-12-03T13:00:00Z",
            Phase.ROLLING_BACK,
            List.of(
                new GreenCollectionChanges(
                    "workflows", 1, 250, 0, List.of(A), List.of(B), List.of(), null)),
            1L,
            250L,
            0L,
            null,
            List.of(
                new CarryBackReport(
                    "carol",
                    "keep it",
                    List.of("workflows"),
                    "2026-12-03T13:05:00Z",
                    List.of(
                        new CarriedBack(
                            "workflows",
                            1,
                            249,
                            0,
                            1,
                            List.of(A),
                            List.of(),
                            List.of(),
                            List.of(new SyncConflict("workflows", B, "updated", "updated")),
                            null)),
                    1,
                    249,
                    0,
                    1,
                    null)));
    String out = GreenChangesView.render(g);
    assertTrue(out.contains("1 created, 250 changed, 0 deleted"), out);
    assertTrue(out.contains("created: " + A), out);
    assertTrue(out.contains("changed: " + B + " … and 249 more"), out);
    assertTrue(out.contains("Carried back to Blue by carol"), out);
    assertTrue(out.contains("conflict " + B + ": Green updated, Blue updated"), out);
    assertEquals(
        "  Green since the cutover: 1 created, 250 changed, 0 deleted; 1 carry-back(s) to Blue"
            + " (./bluegreen diff id1)\n",
        GreenChangesView.summary(g, "id1"));
  }

  @Test
  void nothingCarriedIsSaidAndAFailedComparisonShowsItsNote() {
    GreenChanges failed =
        new GreenChanges(null, null, List.of(), null, null, null, "could not compare", null);
    String out = GreenChangesView.render(failed);
    assertTrue(out.contains("not compared"), out);
    assertTrue(out.contains("note: could not compare"), out);
    assertTrue(out.contains("Carried back to Blue: nothing"), out);
    assertEquals("", GreenChangesView.summary(null, "id1"));
  }
}
