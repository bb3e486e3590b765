package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
            + " maxConcurrentWorkflowTasks=10 heap=1024MB budgeted=968MB shutdownGrace=PT30S",
        s.describe());

    // Two workers on one host tell themselves apart by their metrics ports.
    assertEquals(
        "bluegreen@host-1:9464",
        WorkerSizing.resolve(settings(null), ONE_GB, "host-1", 9464).identity());
    // Smaller and larger heaps: fewer slots, and never more than 32 however large the heap.
    assertEquals(
        4, WorkerSizing.resolve(settings(null), 512 * MB, "h", null).maxConcurrentActivities());
    assertEquals(
        1, WorkerSizing.resolve(settings(null), 256 * MB, "h", null).maxConcurrentActivities());
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
    assertEquals(new WorkerSizing("bluegreen-a", 2, 3, 4, Duration.ofMinutes(2), 1024, false), s);
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
