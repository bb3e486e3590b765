package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluegreen.workflows.activities.CopyCheckpoint;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A collection copied in _id ranges reads as one: finished ranges (status) plus running ones
 * (checkpoints).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StatusViewRangesTest {
  @Test
  void aRangedCollectionsCopiedCountIsItsFinishedRangesPlusItsRunningOnes() {
    StatusView ranged =
        new StatusView(
            "w",
            "RUNNING",
            null,
            Map.of("jobs", new CopyCheckpoint("jobs", "x", 700, 7000, 2)),
            null);
    assertEquals(
        2700,
        ranged.copied("jobs", 2000),
        "two ranges of 1,000 done, 700 copied by the running ones");
    StatusView whole =
        new StatusView(
            "w", "RUNNING", null, Map.of("jobs", new CopyCheckpoint("jobs", "x", 700, 7000)), null);
    assertEquals(700, whole.copied("jobs", 0), "a whole collection's running copy");
    assertEquals(5000, whole.copied("forms", 5000), "a finished collection");
  }
}
