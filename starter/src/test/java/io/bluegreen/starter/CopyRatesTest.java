package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CopyRatesTest {
  private static Map<String, CopyCheckpoint> at(long copied, long bytes) {
    return Map.of("workflows", new CopyCheckpoint("workflows", "x", copied, bytes));
  }

  @Test
  void rateAndEtaFromTwoSamples() {
    CopyRates rates = new CopyRates();
    rates.observe(at(1_000, 2_000_000), 0);
    assertTrue(rates.rate("workflows", 10_000).isEmpty(), "one sample is no rate");
    rates.observe(at(3_000, 6_000_000), 2_000);
    CopyRates.Rate r = rates.rate("workflows", 10_000).orElseThrow();
    assertEquals(1_000, r.documentsPerSecond(), 1e-9);
    assertEquals(2_000_000, r.bytesPerSecond(), 1e-9);
    assertEquals(Duration.ofSeconds(7), r.eta().orElseThrow()); // 7,000 left at 1,000/s
    assertEquals("1,000 docs/s 2.0 MB/s ETA 7s", r.describe());
  }

  @Test
  void windowForgetsOldSamplesSoASlowdownShows() {
    CopyRates rates = new CopyRates();
    rates.observe(at(0, 0), 0);
    rates.observe(at(100_000, 0), 10_000); // fast at first
    for (long t = 20_000; t <= 60_000; t += 10_000) {
      rates.observe(at(100_000 + (t - 10_000) / 100, 0), t); // then 10 docs/s
    }
    double docs = rates.rate("workflows", 1_000_000).orElseThrow().documentsPerSecond();
    assertEquals(10, docs, 1e-9);
  }

  @Test
  void aCheckpointGoingBackwardsStartsOverAndAStalledCopyHasNoEta() {
    CopyRates rates = new CopyRates();
    rates.observe(at(5_000, 0), 0);
    rates.observe(at(2_000, 0), 1_000); // a retried copy resumed from an older heartbeat
    assertTrue(rates.rate("workflows", 10_000).isEmpty());
    rates.observe(at(2_000, 0), 2_000);
    CopyRates.Rate stalled = rates.rate("workflows", 10_000).orElseThrow();
    assertEquals(0, stalled.documentsPerSecond(), 1e-9);
    assertTrue(stalled.eta().isEmpty());
  }

  @Test
  void progressBarsShowTheRateOfARunningCopy() {
    CopyRates rates = new CopyRates();
    rates.observe(at(1_000, 1_000_000), 0);
    rates.observe(at(2_000, 2_000_000), 1_000);
    DeploymentStatus status =
        new DeploymentStatus(
            "d",
            Phase.COPYING,
            null,
            null,
            null,
            List.of(new CollectionProgress("workflows", 4_000, 0, 0, 0, null, null, null, null)),
            null,
            null,
            null,
            null,
            null,
            null);
    String bars =
        ProgressBars.render(
            new StatusView("id", "RUNNING", status, at(2_000, 2_000_000), null), rates);
    assertTrue(bars.contains("2,000/4,000 copying  1,000 docs/s 1.0 MB/s ETA 2s"), bars);
  }
}
