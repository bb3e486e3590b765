package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.starter.Json;
import io.bluegreen.starter.audit.AuditReport.OperatorAction;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionUpdateAcceptedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionUpdateCompletedEventAttributes;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Meta;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.Request;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Histories of workflow versions newer than the recorded ones: decisions sent as Temporal Updates
 * (the contract: WORKFLOW_EXECUTION_UPDATE_ACCEPTED/COMPLETED with a DecisionResult), and activity
 * types the audit does not know. Each is derived from a recorded run by rewriting its events, so
 * everything else in it is real.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditHistoryVersionsTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static History recorded(String file) throws Exception {
    try (InputStream in =
        AuditHistoryVersionsTest.class.getResourceAsStream("/histories/audit/" + file)) {
      return WorkflowExecutionHistory.fromJson(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), "recorded")
          .getHistory();
    }
  }

  private static AuditReport audit(History h) {
    return AuditReport.from(
        new WorkflowExecutionHistory(h, "recorded"), CONVERTER, Optional.empty());
  }

  private static Payloads payload(Object o) {
    return CONVERTER.toPayloads(o).orElseThrow();
  }

  /** Each signal becomes an accepted Update and its completion with the answer given here. */
  private static History signalsAsUpdates(History h, Map<String, Map<String, Object>> answers) {
    History.Builder out = History.newBuilder();
    long id = 1;
    for (HistoryEvent e : h.getEventsList()) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        var s = e.getWorkflowExecutionSignaledEventAttributes();
        String updateId = "update-" + id;
        long acceptedId = id;
        out.addEvents(
            e.toBuilder()
                .clearAttributes()
                .setEventId(id++)
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
                .setWorkflowExecutionUpdateAcceptedEventAttributes(
                    WorkflowExecutionUpdateAcceptedEventAttributes.newBuilder()
                        .setProtocolInstanceId(updateId)
                        .setAcceptedRequest(
                            Request.newBuilder()
                                .setMeta(Meta.newBuilder().setUpdateId(updateId).setIdentity("cli"))
                                .setInput(
                                    Input.newBuilder()
                                        .setName(s.getSignalName())
                                        .setArgs(s.getInput())))));
        String reason =
            Json.MAPPER
                .valueToTree(
                    CONVERTER.fromPayloads(0, Optional.of(s.getInput()), Map.class, Map.class))
                .path("reason")
                .asText();
        out.addEvents(
            e.toBuilder()
                .clearAttributes()
                .setEventId(id++)
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
                .setWorkflowExecutionUpdateCompletedEventAttributes(
                    WorkflowExecutionUpdateCompletedEventAttributes.newBuilder()
                        .setAcceptedEventId(acceptedId)
                        .setMeta(Meta.newBuilder().setUpdateId(updateId))
                        .setOutcome(
                            Outcome.newBuilder().setSuccess(payload(answers.get(reason))))));
      } else {
        out.addEvents(e.toBuilder().setEventId(id++));
      }
    }
    return out.build();
  }

  /** A history without the workflow's result: acceptance can then only come from the Updates. */
  private static History withoutResult(History h) {
    History.Builder out = History.newBuilder();
    for (HistoryEvent e : h.getEventsList()) {
      if (e.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
        out.addEvents(e);
      }
    }
    return out.build();
  }

  @Test
  void updatesShowTheWorkflowsAnswerIncludingARefusalAndItsNote() throws Exception {
    History h =
        withoutResult(
            signalsAsUpdates(
                recorded("rolled-back-signals.json"),
                Map.of(
                    "too early, on purpose",
                        Map.of(
                            "accepted",
                            false,
                            "phase",
                            "AWAITING_APPROVAL",
                            "note",
                            "rollback is accepted only in LIVE"),
                    "checks passed", Map.of("accepted", true, "phase", "AWAITING_APPROVAL"),
                    "Green misbehaves", Map.of("accepted", true, "phase", "LIVE"))));
    AuditReport r = audit(h);
    assertEquals("RUNNING", r.outcome(), "the completion was removed");
    List<OperatorAction> a = r.operatorActions();
    assertEquals(
        List.of("rollback", "approveCutover", "rollback"),
        a.stream().map(OperatorAction::signal).toList());
    assertEquals(
        List.of("update", "update", "update"), a.stream().map(OperatorAction::via).toList());
    assertEquals(Boolean.FALSE, a.get(0).accepted());
    assertEquals("rollback is accepted only in LIVE", a.get(0).note());
    assertEquals(Boolean.TRUE, a.get(1).accepted());
    assertEquals(Boolean.TRUE, a.get(2).accepted());
    String md = r.toMarkdown();
    assertTrue(
        md.contains(
            "| rollback (update) | recorder | too early, on purpose | rejected: rollback is accepted only in LIVE |"),
        md);
    assertTrue(
        md.contains(
            "| updateCompleted | rollback rejected in AWAITING_APPROVAL: rollback is accepted only in LIVE |"),
        md);
  }

  @Test
  void anUpdateAndTheWorkflowsRecordOfItAreOneDecision() throws Exception {
    // With the result present, the workflow's approvals/rejections also hold these decisions.
    History h =
        signalsAsUpdates(
            recorded("completed-signals.json"),
            Map.of(
                "too early, on purpose",
                    Map.of("accepted", false, "phase", "AWAITING_APPROVAL", "note", "not yet"),
                "checks passed", Map.of("accepted", true, "phase", "AWAITING_APPROVAL"),
                "Green is good", Map.of("accepted", true, "phase", "LIVE")));
    List<OperatorAction> a = audit(h).operatorActions();
    assertEquals(3, a.size(), "no decision shown twice as 'taken automatically': " + a);
    assertEquals("not yet", a.get(0).note(), "the Update's own answer wins");
  }

  private static History renameActivity(History h, String from, String to) {
    History.Builder out = History.newBuilder();
    for (HistoryEvent e : h.getEventsList()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(from)) {
        var a = e.getActivityTaskScheduledEventAttributes().toBuilder();
        a.getActivityTypeBuilder().setName(to);
        out.addEvents(e.toBuilder().setActivityTaskScheduledEventAttributes(a));
      } else {
        out.addEvents(e);
      }
    }
    return out.build();
  }

  private static History mapResults(History h, String activity, UnaryOperator<Payloads> f) {
    Map<Long, String> types = new HashMap<>();
    History.Builder out = History.newBuilder();
    for (HistoryEvent e : h.getEventsList()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        types.put(
            e.getEventId(),
            e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      }
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && activity.equals(
              types.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        var a = e.getActivityTaskCompletedEventAttributes();
        out.addEvents(
            e.toBuilder()
                .setActivityTaskCompletedEventAttributes(
                    a.toBuilder().setResult(f.apply(a.getResult()))));
      } else {
        out.addEvents(e);
      }
    }
    return out.build();
  }

  @Test
  void unknownActivitiesAreShownGenericallyAndVerificationShapedResultsStillCount()
      throws Exception {
    History h = recorded("completed-signals.json");
    // A newer workflow: verification under another name, and a step the audit never heard of.
    h = renameActivity(h, "VerifyCollections", "SyncCollections");
    h = renameActivity(h, "WaitForDrain", "CheckLicences");
    h = mapResults(h, "CheckLicences", p -> payload(Map.of("licences", "ok", "seats", 9)));
    AuditReport r = audit(h);
    AuditOutcomesTest.assertCopiedAndVerified(r, "signals");
    String md = r.toMarkdown();
    assertTrue(md.contains("| activityScheduled | scheduled CheckLicences |"), md);
    assertTrue(
        md.contains("CheckLicences completed: {\"licences\":\"ok\",\"seats\":9}")
            || md.contains("CheckLicences completed: {\"seats\":9,\"licences\":\"ok\"}"),
        md);
    assertTrue(
        md.contains("| activityScheduled | scheduled SyncCollections (automations, catalog"), md);
  }

  @Test
  void theSyncAndBaselineActivitiesAreSummarized() throws Exception {
    History h = recorded("completed-updates.json");
    // Today's workflow does not call them yet: the recorded verify and drain steps stand in for
    // them.
    h = renameActivity(h, "WaitForDrain", "RecordBaseline");
    h =
        mapResults(
            h,
            "RecordBaseline",
            p ->
                payload(
                    Map.of(
                        "collections",
                        List.of(
                            Map.of(
                                "collection",
                                "workflows",
                                "recorded",
                                18,
                                "differing",
                                0,
                                "alreadyRecorded",
                                false),
                            Map.of(
                                "collection",
                                "forms",
                                "recorded",
                                3,
                                "differing",
                                1,
                                "alreadyRecorded",
                                false)))));
    h = renameActivity(h, "ProvisionGreen", "SyncCollections");
    h =
        mapResults(
            h,
            "SyncCollections",
            p ->
                payload(
                    Map.of(
                        "pass",
                        "final",
                        "totalConflicts",
                        2,
                        "collections",
                        List.of(
                            Map.of(
                                "collection",
                                "workflows",
                                "inserted",
                                2,
                                "updated",
                                1,
                                "deleted",
                                1,
                                "greenKept",
                                3,
                                "conflicts",
                                2,
                                "resolved",
                                2,
                                "created",
                                false,
                                "droppedOnBlue",
                                false,
                                "droppedOnGreen",
                                false),
                            Map.of(
                                "collection",
                                "forms",
                                "inserted",
                                0,
                                "updated",
                                4,
                                "deleted",
                                0,
                                "greenKept",
                                0,
                                "conflicts",
                                0,
                                "resolved",
                                0,
                                "created",
                                false,
                                "droppedOnBlue",
                                false,
                                "droppedOnGreen",
                                false)))));
    String md = audit(h).toMarkdown();
    assertTrue(
        md.contains(
            "| baseline recorded: 2 collections, 21 documents as bluegreen wrote them to Green, 1 of Green's own left out |"),
        md);
    assertTrue(
        md.contains(
            "| synced 2 collections (final pass): 2 inserted, 5 updated, 1 deleted on Green, "
                + "3 Green changes kept, 2 conflicts (2 resolved) |"),
        md);
  }
}
