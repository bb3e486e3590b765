package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.ListQuery;
import io.bluegreen.starter.PlanView;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.starter.commands.PlanCommand;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.*;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's read-only and bookkeeping surface on the real local stack: plan runs through the
 * worker and writes nothing, start sets the search attributes that list filters on (the dev server
 * registers them), and the audit of a closed deployment comes from history alone.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class OperatorSurfaceEndToEndTest {
  private static LocalStackFixture fx;

  @BeforeAll
  static void upStack() throws Exception {
    fx = new LocalStackFixture(LocalStackFixture.tempDir("bluegreen-ux"));
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  private static DeploymentRequest request(String blueDb, String blueProfile, int blueRedisDb) {
    return new DeploymentRequest(
        blueDb + "-upgrade",
        new PlatformSpec("local", blueDb, "local", blueRedisDb, blueProfile),
        new PlatformSpec("local", blueDb + "_green", "local", 1, "green"),
        null,
        E2e.SWITCHES,
        null,
        null,
        new CutoverOptions(null, null, null).withTrafficRedisDb(0),
        null);
  }

  @Test
  void planReportsTheCollectionsThroughTheWorkerAndWritesNothing() {
    Map<String, Integer> seeded =
        new DemoPlatform(120, "127.0.0.1", fx.stack.ports().redis())
            .seed(fx.mongo, "itential_plan", "itential_plan_green");
    PreflightReport plan =
        PlanCommand.run(fx.client, request("itential_plan", "blue", 0), "plan-test-1");

    Map<String, Long> planned =
        plan.collections().stream()
            .collect(
                Collectors.toMap(
                    PlannedCollection::name,
                    PlannedCollection::documents,
                    (a, b) -> a,
                    TreeMap::new));
    assertTrue(
        planned.keySet().containsAll(DemoPlatform.RESOURCE_WEIGHTS.keySet()), "planned " + planned);
    for (var e : planned.entrySet()) {
      assertEquals(seeded.get(e.getKey()).longValue(), e.getValue(), e.getKey());
    }
    assertTrue(
        plan.excluded().stream().anyMatch(x -> x.name().equals("jobs")),
        "jobs is runtime data: " + plan.excluded());
    assertEquals(
        List.of(), fx.collections("itential_plan_green"), "a plan writes nothing to Green");

    String text = PlanView.render("plan-test-1", request("itential_plan", "blue", 0), plan, 1000);
    assertTrue(text.contains("jobs: "), text);
    assertTrue(text.contains(String.format("%,d", plan.totalDocuments())), text);
    assertTrue(text.contains("Estimate: copy "), text);
  }

  @Test
  void planSaysWhatPreflightRefusedInOneLine() {
    new DemoPlatform(10, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "itential_plan2", "itential_plan2_green");
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                PlanCommand.run(
                    fx.client, request("itential_plan2", "no-such-profile", 0), "plan-test-2"));
    assertTrue(e.getMessage().startsWith("plan refused: preflight: "), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-profile"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void planRefusesAnInvalidRequestBeforeAnyActivity() {
    CliException e =
        assertThrows(
            CliException.class,
            () -> PlanCommand.run(fx.client, request("itential_plan3", "blue", 99), "plan-test-3"));
    assertTrue(
        e.getMessage().startsWith("plan refused: invalid request: blue.redisDb 99"),
        e.getMessage());
  }

  @Test
  void startSetsSearchAttributesThatListFiltersOnAndAuditWorksAfterClose() throws Exception {
    // A Blue without its profile: the deployment fails in PREFLIGHT and closes, without writing.
    DeploymentRequest req = request("itential_sa", "blue", 0);
    StartCommand.start(fx.client, req, "bluegreen-itential_sa");
    assertThrows(
        WorkflowFailedException.class,
        () ->
            fx.client
                .newUntypedWorkflowStub("bluegreen-itential_sa")
                .getResult(60, TimeUnit.SECONDS, DeploymentStatus.class));

    // The workflow keeps the phase attribute current: it failed in preflight, so it reads FAILED.
    String query = ListQuery.build("failed", "itential_sa-upgrade");
    List<WorkflowExecutionMetadata> found = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      found = fx.client.listExecutions(query).toList(); // visibility is eventually consistent
      if (found.isEmpty()) {
        Thread.sleep(250);
      }
    }
    assertEquals(1, found.size(), query);
    assertEquals(
        "itential_sa-upgrade",
        found.get(0).getTypedSearchAttributes().get(SearchAttributes.DEPLOYMENT));
    assertEquals(
        List.of(), fx.client.listExecutions(ListQuery.build(null, "another-deployment")).toList());

    AuditReport audit =
        AuditReport.from(
            fx.client.fetchHistory("bluegreen-itential_sa"),
            fx.client.getOptions().getDataConverter(),
            Optional.empty());
    assertEquals("FAILED", audit.outcome());
    assertTrue(audit.failure().contains("profile"), audit.failure());
    assertTrue(
        audit.retries().stream()
            .anyMatch(r -> r.activity().equals("Preflight") && r.outcome().equals("failed")),
        "the refused preflight is listed: " + audit.retries());
  }
}
