package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluegreen.simulated.DemoPlatform;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * History stays O(collections), never O(documents): two real deployments (real workflow, real
 * activities, real documents in a MongoDB-wire server) of the same collections, one with 20 times
 * the documents and 20 times the batches of the other, write the same history events (but for
 * Temporal's workflow-task bookkeeping). This replaces a number in a fake with real documents.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HistorySizeTest {
  private static AuditHistoryRecorder recorder;

  @BeforeAll
  static void servers() throws Exception {
    recorder = new AuditHistoryRecorder();
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
  }

  private static Map<String, Integer> eventTypes(WorkflowExecutionHistory h) {
    Map<String, Integer> count = new TreeMap<>();
    for (HistoryEvent e : h.getEvents()) {
      // Workflow tasks are how Temporal batched the work, which depends on timing (two copies
      // finishing together share one task); every other event is the deployment's own.
      if (!e.getEventType().name().startsWith("EVENT_TYPE_WORKFLOW_TASK_")) {
        count.merge(e.getEventType().name(), 1, Integer::sum);
      }
    }
    return count;
  }

  @Test
  void twentyTimesTheDocumentsWriteTheSameHistory() throws Exception {
    WorkflowExecutionHistory small = recorder.record("completed", 250, 25);
    WorkflowExecutionHistory large = recorder.record("completed", 5_000, 25);
    // The documents were really there and really copied: the audit of the large run says so.
    AuditReport audit =
        AuditReport.from(large, DefaultDataConverter.newDefaultInstance(), Optional.empty());
    long resources =
        new DemoPlatform(5_000, "127.0.0.1", 6379)
            .plan().values().stream().mapToLong(Integer::longValue).sum();
    long platform =
        DemoPlatform.PLATFORM_COLLECTIONS.values().stream().mapToLong(Integer::longValue).sum();
    assertEquals(
        resources + platform + DemoPlatform.MIGRATION_RECORDS,
        audit.collections().stream().mapToLong(c -> c.greenDocuments()).sum(),
        "documents on Green");
    assertEquals(eventTypes(small), eventTypes(large), "history events by type");
  }
}
