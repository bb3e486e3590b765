package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With payload encryption, failure messages are stored encrypted, and the audit with the keys reads
 * them.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EncryptedAuditTest {
  @Test
  void failureMessagesAreReadThroughTheKeysAndNotStoredInTheClear() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    DataConverter converter =
        new EncryptionSettings(
                new EncryptionKeys("k", Map.of("k", new SecretKeySpec(k, "AES"))), null)
            .dataConverter();
    String secret = "Green holds another document with _id doc-77 in acme_forms";
    var activityFailure =
        converter.exceptionToFailure(
            ApplicationFailure.newNonRetryableFailure(secret, "CopyConflict"));
    var workflowFailure =
        converter.exceptionToFailure(
            ApplicationFailure.newNonRetryableFailure("copy of acme_forms failed", "CopyFailed"));
    History history =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(1)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setWorkflowType(
                                WorkflowType.newBuilder().setName("BlueGreenDeployment"))
                            .setInput(
                                converter
                                    .toPayloads(Map.of("deployment", "acme-release"))
                                    .orElseThrow())))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(5)
                    .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                    .setActivityTaskScheduledEventAttributes(
                        ActivityTaskScheduledEventAttributes.newBuilder()
                            .setActivityType(ActivityType.newBuilder().setName("CopyCollection"))
                            .setInput(
                                converter
                                    .toPayloads(Map.of("collection", "acme_forms"))
                                    .orElseThrow())))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(7)
                    .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                    .setActivityTaskFailedEventAttributes(
                        ActivityTaskFailedEventAttributes.newBuilder()
                            .setScheduledEventId(5)
                            .setFailure(activityFailure)))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(9)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
                    .setWorkflowExecutionFailedEventAttributes(
                        WorkflowExecutionFailedEventAttributes.newBuilder()
                            .setFailure(workflowFailure)))
            .build();
    String stored = history.toByteString().toString(StandardCharsets.ISO_8859_1);
    assertFalse(
        stored.contains("doc-77") || stored.contains("acme_forms"),
        "the stored failures are encrypted");

    AuditReport audit =
        AuditReport.from(
            new WorkflowExecutionHistory(history, "encrypted"), converter, Optional.empty());
    assertEquals("FAILED", audit.outcome());
    assertEquals("copy of acme_forms failed", audit.failure());
    assertTrue(
        audit.retries().stream().anyMatch(r -> secret.equals(r.lastFailure())),
        "retries: " + audit.retries());
    assertTrue(audit.toMarkdown().contains(secret), audit.toMarkdown());
  }
}
