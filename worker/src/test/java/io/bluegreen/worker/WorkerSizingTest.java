package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.support.MemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code worker} section of the worker configuration and the sizing derived from the heap. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class WorkerSizingTest {
  private static final long MB = 1024 * 1024;
  private static final long ONE_GB = 1024 * MB;

  @TempDir Path dir;

  private WorkerSettings settings(String workerSection) throws Exception {
    Path f = dir.resolve("worker.json");
    Files.writeString(
        f,
        "{\"mongo\": {\"local\": \"mongodb://127.0.0.1:27017\"}"
            + (workerSection == null ? "" : ", \"worker\": " + workerSection)
            + "}");
    return WorkerConfig.load(f, Map.<String, String>of()::get).worker();
  }

  private String refused(String workerSection) {
    return assertThrows(WorkerConfigException.class, () -> settings(workerSection)).getMessage();
  }

  @Test
  void aOneGigabyteHeapGetsTenCopySlotsAndTheHostAsIdentity() throws Exception {
    WorkerSizing s = WorkerSizing.resolve(settings(null), ONE_GB, "host-1", null);
    assertEquals(10, s.maxConcurrentActivities());
    assertTrue(s.activitiesDerived());
    assertEquals(10, s.maxConcurrentCutoverActivities());
    assertEquals(10, s.maxConcurrentWorkflowTasks());
    assertEquals("bluegreen@host-1", s.identity());
    assertEquals(Duration.ofSeconds(30), s.shutdownGrace());
    assertTrue(s.neededMb() <= 1024, "budget " + s.neededMb() + " MB fits the heap");
    assertEquals(
        "identity=bluegreen@host-1 maxConcurrentActivities=10 (from the heap) maxConcurrentCutoverActivities=10"
            + " maxConcurrentWorkflowTasks=10 heap=1024MB budgeted=968MB memoryBudget=856MB (a copy holds"
            + " 80MB, each collection a verify/sync/baseline works on 148MB: 5 collections at once,"
            + " parallelCollections beyond that waits) shutdownGrace=PT30S",
        s.describe());

    // Two workers on one host tell themselves apart by their metrics ports.
    assertEquals(
        "bluegreen@host-1:9464",
        WorkerSizing.resolve(settings(null), ONE_GB, "host-1", 9464).identity());
    // Smaller and larger heaps: fewer slots, and never more than 32 however large the heap.
    assertEquals(
        4, WorkerSizing.resolve(settings(null), 512 * MB, "h", null).maxConcurrentActivities());
    assertEquals(
        1, WorkerSizing.resolve(settings(null), 320 * MB, "h", null).maxConcurrentActivities());
    assertEquals(
        32, WorkerSizing.resolve(settings(null), 16 * ONE_GB, "h", null).maxConcurrentActivities());
  }

  @Test
  void everySettingWrittenIsUsed() throws Exception {
    WorkerSizing s =
        WorkerSizing.resolve(
            settings(
                """
        {"identity": "bluegreen-a", "maxConcurrentActivities": 2, "maxConcurrentCutoverActivities": 3,
         "maxConcurrentWorkflowTasks": 4, "shutdownGrace": "PT2M"}"""),
            ONE_GB,
            "host-1",
            9464);
    assertEquals(
        new WorkerSizing(
            "bluegreen-a", 2, 3, 4, Duration.ofMinutes(2), 1024, false, 1024 - 128 - 14),
        s);
    // Fewer workflow task and cutover slots leave more of the heap for copies.
    assertEquals(
        11,
        WorkerSizing.resolve(
                settings(
                    "{\"maxConcurrentCutoverActivities\": 2, \"maxConcurrentWorkflowTasks\": 2}"),
                ONE_GB,
                "h",
                null)
            .maxConcurrentActivities());
  }

  @Test
  void slotsBeyondTheHeapAreRefusedSayingWhatToChange() throws Exception {
    WorkerSettings twenty = settings("{\"maxConcurrentActivities\": 20}");
    String e =
        assertThrows(
                WorkerConfigException.class, () -> WorkerSizing.resolve(twenty, ONE_GB, "h", null))
            .getMessage();
    assertEquals(
        "worker.maxConcurrentActivities 20 needs 1768 MB of heap (128 MB reserved + 20 x 80 MB per activity"
            + " + 20 x 2 MB per cutover activity and workflow task), but the worker's heap is 1024 MB: lower it to at most 10,"
            + " leave it out to size it from the heap, or raise the heap (JAVA_OPTS=-Xmx2g)",
        e);
    // The same number fits a larger heap.
    assertEquals(20, WorkerSizing.resolve(twenty, 2 * ONE_GB, "h", null).maxConcurrentActivities());

    String tooSmall =
        assertThrows(
                WorkerConfigException.class,
                () -> WorkerSizing.resolve(settings(null), 200 * MB, "h", null))
            .getMessage();
    assertEquals(
        "the worker's heap is 200 MB, but one copy needs 248 MB (128 MB reserved + 1 x 80 MB per activity"
            + " + 20 x 2 MB per cutover activity and workflow task); give the JVM more, e.g. JAVA_OPTS=-Xmx1g",
        tooSmall);
  }

  /**
   * The memory budget, as a table: heap (MB), maxConcurrentActivities written (empty: derived),
   * then activity slots, budget (MB) and verify/sync/baseline collections at once, or the refusal.
   * A collection holds {@link MemoryBudget#COLLECTION_MB} = 148 MB: 3 streams x (16 MB read-ahead +
   * a 16 MB reply) + 8 MB pending writes + a 16 MB document + 2 x (8 MB held + 16 MB) of the final
   * pass, less the third stream, + 12 MB of baseline chunks.
   */
  @ParameterizedTest(name = "heap {0} MB, activities {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "1024  | -  | 10 | 856   | 5   | -",
        "512   | -  | 4  | 344   | 2   | -",
        "320   | -  | 1  | 152   | 1   | -",
        "2048  | 20 | 20 | 1880  | 12  | -",
        "16384 | -  | 32 | 16216 | 109 | -",
        "300   | -  | -  | -     | -   | the worker's heap is 300 MB, but one collection of a verify, sync or baseline"
            + " needs 316 MB (128 MB reserved + 148 MB + 20 x 2 MB per cutover activity and workflow"
            + " task); give the JVM more, e.g. JAVA_OPTS=-Xmx1g",
      })
  void theMemoryBudgetCountsEveryCollectionAVerifySyncOrBaselineWorksOnAtOnce(
      long heapMb,
      Integer activities,
      Integer slots,
      Long budgetMb,
      Long collections,
      String refusal)
      throws Exception {
    assertEquals(148, MemoryBudget.COLLECTION_MB, "the arithmetic above");
    WorkerSettings s =
        settings(activities == null ? null : "{\"maxConcurrentActivities\": " + activities + "}");
    if (refusal != null) {
      assertEquals(
          refusal,
          assertThrows(
                  WorkerConfigException.class,
                  () -> WorkerSizing.resolve(s, heapMb * MB, "h", null))
              .getMessage());
      return;
    }
    WorkerSizing sizing = WorkerSizing.resolve(s, heapMb * MB, "h", null);
    assertEquals(slots, sizing.maxConcurrentActivities());
    assertEquals(budgetMb, sizing.memoryBudgetMb());
    assertEquals(collections, sizing.collectionsAtOnce());
    assertTrue(
        sizing.neededMb() <= heapMb && 128 + 40 + sizing.memoryBudgetMb() == heapMb,
        "the budget is the heap less the reserve and the small slots");
  }

  @Test
  void malformedSettingsAreRefusedNamingTheField() {
    Path f = dir.resolve("worker.json");
    assertEquals(
        f
            + ": unknown field \"worker.maxActivities\" (known: [identity, maxConcurrentActivities,"
            + " maxConcurrentCutoverActivities, maxConcurrentWorkflowTasks, shutdownGrace])",
        refused("{\"maxActivities\": 2}"));
    assertEquals(
        f
            + ": worker.maxConcurrentActivities must be a whole number from 1 to 1000; leave it out to size it from the heap",
        refused("{\"maxConcurrentActivities\": 0}"));
    assertEquals(
        f
            + ": worker.maxConcurrentWorkflowTasks must be a whole number from 1 to 1000; leave it out to size it from the heap",
        refused("{\"maxConcurrentWorkflowTasks\": \"4\"}"));
    assertEquals(
        f + ": worker.shutdownGrace must be an ISO-8601 duration from PT0S to PT1H, e.g. \"PT30S\"",
        refused("{\"shutdownGrace\": \"30s\"}"));
    assertEquals(
        f + ": worker.shutdownGrace must be an ISO-8601 duration from PT0S to PT1H, e.g. \"PT30S\"",
        refused("{\"shutdownGrace\": \"PT2H\"}"));
    assertEquals(
        f
            + ": worker.identity must be 1-200 printable characters without spaces, e.g. \"bluegreen@host-1\"",
        refused("{\"identity\": \"blue green\"}"));
    assertEquals(
        f + ": \"worker\" must be an object, e.g. {\"maxConcurrentActivities\": 4}", refused("4"));
  }
}
