package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.bluegreen.starter.audit.AuditReport.PhaseSpan;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit of histories recorded by {@link AuditHistoryRecorder} from real runs of the workflow
 * and activities (one per outcome), checked field by field. The expected figures come from what the
 * recorder seeded ({@link DemoPlatform#plan()}) and sent, never from the audit code. Each outcome
 * is checked in both history versions: decisions as signals (the first workflow) and as Updates
 * (since issue 10).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditOutcomesTest {
  /** The refusal of the early rollback, as each version of the workflow words it. */
  private static String refusedRollback(String via) {
    return via.equals("signals")
        ? "rollback is accepted only in LIVE (after cutover); the deployment is in AWAITING_APPROVAL"
        : "rollback is accepted in LIVE, or in CUTTING_OVER once a Blue switch has changed; the deployment is in AWAITING_APPROVAL";
  }

  static AuditReport audit(String file) throws Exception {
    try (InputStream in = AuditOutcomesTest.class.getResourceAsStream("/histories/audit/" + file)) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return AuditReport.from(
          WorkflowExecutionHistory.fromJson(json, "recorded"),
          DefaultDataConverter.newDefaultInstance(),
          Optional.empty());
    }
  }

  /**
   * What the recorder seeded in Blue and the workflow copies: resources plus migration records. The
   * {@code -signals} recordings were made with the demo platform of their day, whose seed (written
   * down when they were recorded) is in {@code seeded-signals.json}.
   */
  static Map<String, Long> seeded(String via) {
    Map<String, Long> expected = new LinkedHashMap<>();
    if (via.equals("signals")) {
      try (InputStream in =
          AuditOutcomesTest.class.getResourceAsStream("/histories/audit/seeded-signals.json")) {
        JsonNode seed = new ObjectMapper().readTree(in);
        seed.fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
        return expected;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DemoPlatform.PLATFORM_COLLECTIONS.forEach((k, v) -> expected.put(k, v.longValue()));
    new DemoPlatform(60, "127.0.0.1", 6379)
        .plan()
        .forEach((k, v) -> expected.put(k, v.longValue()));
    expected.put(DemoPlatform.MIGRATIONS, (long) DemoPlatform.MIGRATION_RECORDS);
    return expected;
  }

  static void assertCopiedAndVerified(AuditReport r, String via) {
    Map<String, Long> expected = seeded(via);
    Map<String, CollectionAudit> byName = new LinkedHashMap<>();
    r.collections().forEach(c -> byName.put(c.name(), c));
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(byName.keySet()));
    for (var e : expected.entrySet()) {
      CollectionAudit c = byName.get(e.getKey());
      assertEquals(e.getValue(), c.copiedDocuments(), "copied " + c.name());
      assertEquals(e.getValue(), c.blueDocuments(), "Blue documents " + c.name());
      assertEquals(e.getValue(), c.greenDocuments(), "Green documents " + c.name());
      assertTrue(c.blueDigest().matches("[0-9a-f]{64}"), c.blueDigest());
      assertEquals(c.blueDigest(), c.greenDigest(), "digests of " + c.name());
      assertEquals(Boolean.TRUE, c.match(), c.name());
    }
    long total = expected.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(
        r.toMarkdown()
            .contains(
                "| activityCompleted | verified "
                    + expected.size()
                    + " collections: Blue "
                    + total
                    + " / Green "
                    + total
                    + " documents, all match |"),
        r.toMarkdown());
  }

  static List<String> phases(AuditReport r) {
    return r.phases().stream().map(PhaseSpan::phase).toList();
  }

  static void assertDecision(
      OperatorAction a, String via, String name, String reason, Boolean accepted) {
    assertEquals(name, a.signal());
    assertEquals("recorder", a.by());
    assertEquals(reason, a.reason());
    assertEquals(accepted, a.accepted(), name + ": " + a.note());
    assertEquals(via.equals("signals") ? "signal" : "update", a.via());
  }

  static List<String> switches(AuditReport r) {
    List<String> out = new ArrayList<>();
    r.switchChanges()
        .forEach(
            s -> out.add(s.colour() + " " + s.switchName() + " " + s.previous() + "->" + s.on()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void completed(String via) throws Exception {
    AuditReport r = audit("completed-" + via + ".json");
    assertEquals("BlueGreenDeployment", r.workflowType());
    assertEquals("COMPLETED", r.outcome());
    assertEquals("COMPLETED", r.result().get("phase").asText());
    assertEquals("audit-completed", r.request().get("deployment").asText());
    assertNull(r.failure());
    assertCopiedAndVerified(r, via);
    assertEquals(
        List.of(
            "PREFLIGHT",
            "PROVISIONING",
            "COPYING",
            "VERIFYING",
            "AWAITING_APPROVAL",
            "CUTTING_OVER",
            "LIVE",
            "COMPLETED"),
        phases(r));
    for (PhaseSpan p : r.phases()) {
      assertTrue(p.seconds() != null && p.seconds() >= 0, p.toString());
    }
    assertEquals(3, r.operatorActions().size());
    assertDecision(r.operatorActions().get(0), via, "rollback", "too early, on purpose", false);
    assertTrue(
        r.operatorActions().get(0).note().startsWith(refusedRollback(via)),
        r.operatorActions().get(0).note());
    assertDecision(r.operatorActions().get(1), via, "approveCutover", "checks passed", true);
    assertDecision(r.operatorActions().get(2), via, "finalize", "Green is good", true);
    assertEquals(
        List.of(
            "blue startJobs true->false",
            "green startJobs false->true",
            "green taskWorker false->true",
            "blue taskWorker true->false"),
        switches(r));
    assertEquals(1, r.trafficChanges().size());
    assertNull(r.trafficChanges().get(0).previous());
    assertEquals("green", r.trafficChanges().get(0).colour());
    assertEquals("bluegreen:active", r.trafficChanges().get(0).key());
    assertEquals(List.of(), r.retries());
    assertEquals("workflowCompleted", r.timeline().get(r.timeline().size() - 1).kind());
    // Runtime data is left out (jobs and tasks; today's demo also has job_data's GridFS files and
    // chunks), and iap_profiles and service_configs are provisioned.
    long total = seeded(via).values().stream().mapToLong(Long::longValue).sum();
    int leftOut = 2 + (via.equals("signals") ? 2 : DemoPlatform.RUNTIME.size());
    assertTrue(
        r.toMarkdown()
            .contains(
                "| preflight passed: "
                    + seeded(via).size()
                    + " collections to copy ("
                    + total
                    + " documents), "
                    + leftOut
                    + " left out |"),
        r.toMarkdown());
    assertTrue(
        r.toMarkdown()
            .contains(
                "| provisioned Green: profile green, "
                    + DemoPlatform.SERVICE_CONFIGS
                    + " service configs |"),
        r.toMarkdown());
    if (via.equals("updates")) {
      // Since issue 9: a baseline after the verification, a full and a final three-way pass.
      String md = r.toMarkdown();
      assertTrue(
          md.contains(
              "| baseline recorded: "
                  + seeded(via).size()
                  + " collections, "
                  + total
                  + " documents as bluegreen wrote them to Green, 0 of Green's own left out |"),
          md);
      for (String pass : List.of("full", "final")) {
        assertTrue(
            md.contains(
                "| synced "
                    + seeded(via).size()
                    + " collections ("
                    + pass
                    + " pass): 0 inserted, 0 updated, "
                    + "0 deleted on Green, 0 Green changes kept, 0 conflicts (0 resolved) |"),
            md);
      }
      assertTrue(
          md.contains(
              "| configuration baseline recorded: profile yes, "
                  + DemoPlatform.SERVICE_CONFIGS
                  + " service configs |"),
          md);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void rolledBack(String via) throws Exception {
    AuditReport r = audit("rolled-back-" + via + ".json");
    assertEquals("COMPLETED", r.outcome());
    assertEquals("ROLLED_BACK", r.result().get("phase").asText());
    assertCopiedAndVerified(r, via);
    assertEquals(
        List.of(
            "PREFLIGHT",
            "PROVISIONING",
            "COPYING",
            "VERIFYING",
            "AWAITING_APPROVAL",
            "CUTTING_OVER",
            "LIVE",
            "ROLLING_BACK",
            "ROLLED_BACK"),
        phases(r));
    assertEquals(3, r.operatorActions().size());
    assertDecision(r.operatorActions().get(0), via, "rollback", "too early, on purpose", false);
    assertDecision(r.operatorActions().get(1), via, "approveCutover", "checks passed", true);
    assertDecision(r.operatorActions().get(2), via, "rollback", "Green misbehaves", true);
    List<String> cutover =
        List.of(
            "blue startJobs true->false",
            "green startJobs false->true",
            "green taskWorker false->true",
            "blue taskWorker true->false");
    assertEquals(cutover, switches(r).subList(0, 4));
    if (via.equals("signals")) {
      // The first workflow version: Green off first, then Blue back on.
      assertEquals(
          List.of(
              "green startJobs true->false",
              "green taskWorker true->false",
              "blue taskWorker false->true",
              "blue startJobs false->true"),
          switches(r).subList(4, 8));
    } else {
      // Blue-first restore: Blue serving again (switches, then traffic) before Green is turned off.
      assertEquals(
          List.of("blue taskWorker false->true", "blue startJobs false->true"),
          switches(r).subList(4, 6));
      // Green's two switches go off side by side, in either order.
      assertEquals(
          Set.of("green taskWorker true->false", "green startJobs true->false"),
          Set.copyOf(switches(r).subList(6, 8)));
      assertTrue(
          r.trafficChanges().get(1).time().compareTo(r.switchChanges().get(6).time()) < 0,
          "traffic is back on Blue before Green is turned off");
    }
    assertEquals(8, r.switchChanges().size());
    if (via.equals("updates")) {
      assertTrue(
          r.toMarkdown()
              .contains("| Restore of Blue | rollback by recorder; Blue serving again at "),
          r.toMarkdown());
    }
    assertEquals(
        List.of("green", "blue"),
        r.trafficChanges().stream().map(AuditReport.TrafficChange::colour).toList());
    assertEquals("green", r.trafficChanges().get(1).previous());
    assertEquals(List.of(), r.retries());
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void aborted(String via) throws Exception {
    AuditReport r = audit("aborted-" + via + ".json");
    assertEquals("COMPLETED", r.outcome());
    assertEquals("ABORTED", r.result().get("phase").asText());
    assertCopiedAndVerified(r, via);
    assertEquals(
        List.of(
            "PREFLIGHT", "PROVISIONING", "COPYING", "VERIFYING", "AWAITING_APPROVAL", "ABORTED"),
        phases(r));
    assertEquals(2, r.operatorActions().size());
    assertDecision(r.operatorActions().get(0), via, "rollback", "too early, on purpose", false);
    assertDecision(r.operatorActions().get(1), via, "abort", "change window closed", true);
    assertEquals(List.of(), r.switchChanges(), "Blue's switches are never touched before cutover");
    assertEquals(List.of(), r.trafficChanges());
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void failedAtPreflight(String via) throws Exception {
    AuditReport r = audit("failed-" + via + ".json");
    assertEquals("FAILED", r.outcome());
    assertNull(r.result());
    assertTrue(
        r.failure().contains("no iap_profiles document with id 'no-such-profile'"), r.failure());
    assertEquals(List.of(), r.collections(), "nothing was copied");
    assertEquals(List.of("PREFLIGHT", "FAILED"), phases(r));
    assertEquals(List.of(), r.operatorActions());
    assertEquals(1, r.retries().size());
    assertEquals("Preflight", r.retries().get(0).activity());
    assertEquals("failed", r.retries().get(0).outcome());
    assertEquals(1, r.retries().get(0).attempts(), "a refusal is not retried");
    assertTrue(r.toMarkdown().contains("| Failure | " + r.failure()), r.toMarkdown());
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void cancelled(String via) throws Exception {
    AuditReport r = audit("cancelled-" + via + ".json");
    assertEquals("CANCELED", r.outcome());
    assertNull(r.result());
    assertNotEquals(null, r.closedAt());
    // The first version ended a cancelled run FAILED; since the Updates, cancellation before the
    // cutover acts as an abort.
    assertEquals(
        List.of(
            "PREFLIGHT",
            "PROVISIONING",
            "COPYING",
            "VERIFYING",
            "AWAITING_APPROVAL",
            via.equals("signals") ? "FAILED" : "ABORTED"),
        phases(r));
    assertTrue(
        r.timeline().stream().anyMatch(e -> e.kind().equals("cancelRequested")),
        "the request is shown");
    assertEquals(1, r.operatorActions().size());
    OperatorAction refused = r.operatorActions().get(0);
    if (via.equals("signals")) {
      assertNull(refused.accepted(), "a cancelled run has no result that says");
      assertTrue(refused.note().contains("closed without a result"), refused.note());
    } else {
      assertEquals(Boolean.FALSE, refused.accepted(), "an Update carries its answer");
      assertTrue(refused.note().startsWith(refusedRollback(via)), refused.note());
    }
    assertEquals(List.of(), r.switchChanges(), "Blue is untouched");
    // Green's figures come from the verification activity itself, not from the (absent) result.
    Map<String, Long> expected = seeded(via);
    for (CollectionAudit c : r.collections()) {
      assertEquals(expected.get(c.name()), c.greenDocuments(), c.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"signals", "updates"})
  void htmlIsOneFileWithAPhasePicture(String via) throws Exception {
    AuditReport r = audit("rolled-back-" + via + ".json");
    String html = r.toHtml();
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertEquals(1, html.split("<svg", -1).length - 1, "one picture");
    assertEquals(
        r.phases().size(), html.split("<g class=\"phase\">", -1).length - 1, "a bar per phase");
    assertEquals(
        r.operatorActions().size(),
        html.split("<line class=\"decision\"", -1).length - 1,
        "a mark per decision");
    assertFalse(
        html.matches("(?s).*(src=|href=|<script|@import|url\\().*"),
        "nothing is fetched from elsewhere");
    assertTrue(html.contains("<td class=\"no\">rejected: " + refusedRollback(via)), html);
    assertTrue(html.contains("verified " + seeded(via).size() + " collections"), html);
  }
}
