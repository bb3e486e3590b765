package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.PlatformSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PlanViewTest {
  private static final DeploymentRequest REQ =
      new DeploymentRequest(
          null,
          new PlatformSpec("prod", "itential", "prod", 0, "blue"),
          new PlatformSpec("prod", "itential_green", "prod", 1, "green"),
          null,
          null,
          null,
          null,
          null,
          null);

  @Test
  void estimateRoundsUpAndFormatsForPeople() {
    assertEquals(Duration.ofSeconds(4), PlanView.estimate(7_001, 2_000));
    assertEquals("1h 23m", PlanView.duration(PlanView.estimate(10_000_000, 2_000)));
    assertEquals("4m 05s", PlanView.duration(Duration.ofSeconds(245)));
    assertEquals("1.5 MiB", PlanView.bytes(1_572_864));
    assertEquals("512 B", PlanView.bytes(512));
  }

  @Test
  void rendersCollectionsExclusionsFindingsAndTheAssumedRate() {
    PreflightReport plan =
        new PreflightReport(
            List.of(
                new PlannedCollection("workflows", 12_000, 3_145_728, 2),
                new PlannedCollection("forms", 500, 10_240, 1)),
            List.of(new ExcludedCollection("jobs", "runtime data")),
            12_500,
            3_155_968,
            List.of("Green's Redis db 1 holds 3 keys"));
    String text = PlanView.render("plan-1", REQ, plan, PlanView.DEFAULT_RATE);
    assertTrue(text.matches("(?s).*workflows\\s+12,000\\s+3\\.0 MiB\\s+2\\n.*"), text);
    assertTrue(text.matches("(?s).*total \\(2\\)\\s+12,500\\s+3\\.0 MiB\\n.*"), text);
    assertTrue(text.contains("  jobs: runtime data\n"), text);
    assertTrue(text.contains("  - Green's Redis db 1 holds 3 keys\n"), text);
    assertTrue(text.contains("Estimate: copy 7s at 2,000 documents/s (an assumed rate"), text);
    assertTrue(PlanView.render("plan-1", REQ, plan, 500).contains("copy 25s at 500 documents/s;"));
    assertTrue(text.contains("Releases: Blue unknown, Green unknown\n"), text);
  }

  @Test
  void showsTheReleasesAndGreensConfigurationAsADiffAgainstBlues() {
    PreflightReport plan =
        new PreflightReport(
            List.of(new PlannedCollection("workflows", 10, 1_000, 1)),
            List.of(),
            10,
            1_000,
            List.of(),
            "2023.2.4",
            "6.0.3",
            List.of(
                new ConfigDifference("iap_profiles/green", "id", "\"blue\"", "\"green\""),
                new ConfigDifference("iap_profiles/green", "redisProps.db", "0", "1"),
                new ConfigDifference(
                    "service_configs/local_aaa",
                    "properties.database.db",
                    "\"itential\"",
                    "\"itential_green\"")));
    String text = PlanView.render("plan-2", REQ, plan, PlanView.DEFAULT_RATE);
    assertTrue(text.contains("Releases: Blue 2023.2.4, Green 6.0.3\n"), text);
    assertTrue(
        text.contains(
            """
        Green's own configuration (as provisioning writes it; - Blue, + Green):
          iap_profiles/green
            - id: "blue"
            + id: "green"
            - redisProps.db: 0
            + redisProps.db: 1
          service_configs/local_aaa
            - properties.database.db: "itential"
            + properties.database.db: "itential_green"
        """),
        text);
  }
}
