package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.starter.Json;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Renders the audit of a real history: the workflow module's recorded rollback run (a rollback sent
 * too early and rejected, an approval, a cutover, then an accepted rollback).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditReportTest {
  private static AuditReport report() throws Exception {
    try (InputStream in = AuditReportTest.class.getResourceAsStream("/histories/rollback.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      WorkflowExecutionHistory history =
          WorkflowExecutionHistory.fromJson(json, "bluegreen-itential");
      return AuditReport.from(history, DefaultDataConverter.newDefaultInstance(), Optional.empty());
    }
  }

  @Test
  void decisionsTakeAcceptanceFromTheFinalResultInArrivalOrder() throws Exception {
    List<AuditReport.OperatorAction> actions = report().operatorActions();
    assertEquals(
        List.of("rollback", "approveCutover", "rollback"),
        actions.stream().map(AuditReport.OperatorAction::signal).toList());
    assertEquals(Boolean.FALSE, actions.get(0).accepted());
    assertTrue(actions.get(0).note().contains("accepted only in LIVE"), actions.get(0).note());
    assertEquals(Boolean.TRUE, actions.get(1).accepted());
    assertEquals(Boolean.TRUE, actions.get(2).accepted());
    assertEquals("recorder", actions.get(2).by());
  }

  @Test
  void markdownHasTimelineCollectionsAndOutcome() throws Exception {
    String md = report().toMarkdown();
    assertTrue(md.startsWith("# Deployment audit: bluegreen-itential"), md);
    assertTrue(md.contains("| Outcome | COMPLETED (phase ROLLED_BACK) |"), md);
    assertTrue(md.contains("deployment started: itential -> itential_green (test-upgrade)"), md);
    assertTrue(md.contains("copied collection_0: 1000 documents, 1 indexes"), md);
    assertTrue(md.contains("verified collection_1: Blue 1000 / Green 1000 documents, match"), md);
    assertTrue(md.contains("blue startJobs: true -> false"), md);
    assertTrue(md.contains("traffic: unset -> green") && md.contains("traffic: green -> blue"), md);
    assertTrue(
        md.contains(
            "| rollback (signal) | recorder | rollback | rejected: rollback is accepted only in LIVE"),
        md);
    assertTrue(
        md.matches(
            "(?s).*\\| collection_0 \\| 1000 \\| 1000 \\| 1000 \\| `b+` \\| `b+` \\| yes \\|.*"),
        md);
    // the timeline is in history order
    assertTrue(
        md.indexOf("scheduled Preflight") < md.indexOf("copied collection_0")
            && md.indexOf("copied collection_0")
                < md.indexOf("workflow completed in phase ROLLED_BACK"),
        md);
  }

  /**
   * docs/operations.md documents exactly these keys; adding or renaming one must be a deliberate
   * change.
   */
  @Test
  void topLevelJsonKeysArePinned() throws Exception {
    JsonNode json = Json.MAPPER.readTree(report().toJson());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "formatVersion",
            "workflowId",
            "runId",
            "workflowType",
            "outcome",
            "startedAt",
            "closedAt",
            "request",
            "operatorActions",
            "collections",
            "phases",
            "switchChanges",
            "trafficChanges",
            "retries",
            "timeline",
            "result"),
        keys);
  }

  @Test
  void phasesHaveDurationsFromTheWorkflowsEventTrail() throws Exception {
    List<AuditReport.PhaseSpan> phases = report().phases();
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
        phases.stream().map(AuditReport.PhaseSpan::phase).toList());
    // PREFLIGHT ran from 00:42:19.322 to PROVISIONING at 00:42:19.359
    assertEquals(0.037, phases.get(0).seconds(), 1e-9);
    assertEquals(phases.get(1).startedAt(), phases.get(0).endedAt());
    String md = report().toMarkdown();
    assertTrue(
        md.contains("| PREFLIGHT | 2026-11-28T00:42:19.322Z | 2026-11-28T00:42:19.359Z | 0.0s |"),
        md);
  }

  @Test
  void switchAndTrafficChangesAreListedInOrder() throws Exception {
    AuditReport r = report();
    assertEquals(8, r.switchChanges().size());
    AuditReport.SwitchChange first = r.switchChanges().get(0);
    assertEquals("blue", first.colour());
    assertEquals("startJobs", first.switchName());
    assertEquals(Boolean.TRUE, first.previous());
    assertEquals(false, first.on());
    assertEquals(
        List.of("green", "blue"),
        r.trafficChanges().stream().map(AuditReport.TrafficChange::colour).toList());
    assertNull(r.trafficChanges().get(0).previous());
    assertEquals("green", r.trafficChanges().get(1).previous());
    assertEquals("bluegreen:active", r.trafficChanges().get(1).key());
    assertTrue(r.retries().isEmpty(), "every activity of the recorded run succeeded at once");
  }

  /**
   * Temporal writes ActivityTaskStarted with the last attempt and its previous failure; a retried
   * copy shows.
   */
  @Test
  void retriedActivitiesShowAttemptsAndTheLastFailure() throws Exception {
    String json;
    try (InputStream in = AuditReportTest.class.getResourceAsStream("/histories/rollback.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var tree = (ObjectNode) Json.MAPPER.readTree(json);
    String copyScheduled = null;
    for (JsonNode e : tree.get("events")) {
      if (e.path("activityTaskScheduledEventAttributes")
          .path("activityType")
          .path("name")
          .asText()
          .equals("CopyCollection")) {
        copyScheduled = e.get("eventId").asText();
        break;
      }
    }
    for (JsonNode e : tree.get("events")) {
      JsonNode a = e.path("activityTaskStartedEventAttributes");
      if (a.path("scheduledEventId").asText().equals(copyScheduled)) {
        ((ObjectNode) a).put("attempt", 3);
        ((ObjectNode) a).putObject("lastFailure").put("message", "connection reset by Blue");
      }
    }
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Json.compact(tree), "bluegreen-itential");
    AuditReport r =
        AuditReport.from(history, DefaultDataConverter.newDefaultInstance(), Optional.empty());
    assertEquals(1, r.retries().size());
    AuditReport.ActivityTrouble t = r.retries().get(0);
    assertEquals("CopyCollection", t.activity());
    assertTrue(t.subject().startsWith("collection_"), t.subject());
    assertEquals(3, t.attempts());
    assertEquals("completed", t.outcome());
    assertEquals("connection reset by Blue", t.lastFailure());
    assertTrue(
        r.toMarkdown().contains("| 3 | completed | connection reset by Blue |"), r.toMarkdown());
  }

  @Test
  void jsonIsTheDocumentedStructure() throws Exception {
    JsonNode json = Json.MAPPER.readTree(report().toJson());
    assertEquals(AuditReport.FORMAT_VERSION, json.get("formatVersion").asInt());
    assertEquals("COMPLETED", json.get("outcome").asText());
    assertEquals("ROLLED_BACK", json.get("result").get("phase").asText());
    assertEquals("itential", json.get("request").get("blue").get("database").asText());
    assertEquals(3, json.get("collections").size());
    assertEquals(3, json.get("operatorActions").size());
    JsonNode first = json.get("timeline").get(0);
    assertEquals("workflowStarted", first.get("kind").asText());
    assertEquals(1, first.get("eventId").asInt());
    assertNull(json.get("failure"));
  }
}
