package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A history of today's workflow verifies every collection in one VerifyCollections activity. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditV2HistoryTest {
  @Test
  void greenCountsAndTheVerifyLineComeFromBatchedVerification() throws Exception {
    String json;
    try (InputStream in =
        AuditV2HistoryTest.class.getResourceAsStream("/histories/rollback-v2.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    AuditReport r =
        AuditReport.from(
            WorkflowExecutionHistory.fromJson(json, "bluegreen-rollback"),
            DefaultDataConverter.newDefaultInstance(),
            Optional.empty());
    AuditReport.CollectionAudit c0 = r.collections().get(0);
    assertEquals("collection_0", c0.name());
    assertEquals(1000L, c0.greenDocuments(), "Green's count of collection_0");
    assertTrue(
        r.toMarkdown()
            .contains("verified 3 collections: Blue 3000 / Green 3000 documents, all match"),
        r.toMarkdown());
  }
}
