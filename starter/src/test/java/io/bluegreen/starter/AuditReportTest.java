package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Renders the audit of a real history: the workflow module's recorded rollback run (a rollback
 * sent too early and rejected, an approval, a cutover, then an accepted rollback).
 */
class AuditReportTest {
  private static AuditReport report() throws Exception {
    try (InputStream in = AuditReportTest.class.getResourceAsStream("/histories/rollback.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json, "bluegreen-itential");
      return AuditReport.from(history, DefaultDataConverter.newDefaultInstance(), Optional.empty());
    }
  }

  @Test
  void decisionsTakeAcceptanceFromTheFinalResultInArrivalOrder() throws Exception {
    List<AuditReport.OperatorAction> actions = report().operatorActions();
    assertEquals(List.of("rollback", "approveCutover", "rollback"),
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
    assertTrue(md.contains("| rollback | recorder | rollback | rejected: rollback is accepted only in LIVE"), md);
    assertTrue(md.matches("(?s).*\\| collection_0 \\| 1000 \\| 1000 \\| 1000 \\| `b+` \\| `b+` \\| yes \\|.*"), md);
    // the timeline is in history order
    assertTrue(md.indexOf("scheduled Preflight") < md.indexOf("copied collection_0")
        && md.indexOf("copied collection_0") < md.indexOf("workflow completed in phase ROLLED_BACK"), md);
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
