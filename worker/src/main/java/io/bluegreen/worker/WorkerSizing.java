package io.bluegreen.worker;

import io.bluegreen.activities.support.MemoryBudget;
import java.time.Duration;

/**
 * What one worker process runs at once, fitted to its heap. A running copy keeps at most three 16
 * MB batches (one being read, one queued, one being written) plus the driver's buffers for one
 * reply and one insert message: {@value #ACTIVITY_SLOT_MB} MB per activity slot. So:
 *
 * <pre>heap needed = {@value #RESERVED_MB} MB reserved (SDK, gRPC, drivers, cached workflows)
 *             + {@value #ACTIVITY_SLOT_MB} MB x maxConcurrentActivities
 *             + {@value #SMALL_SLOT_MB} MB x (maxConcurrentCutoverActivities + maxConcurrentWorkflowTasks)
 * </pre>
 *
 * Unset activity slots are derived from the heap with that formula (at most {@value
 * #MAX_DEFAULT_ACTIVITIES}: past that, another worker helps more than a bigger one); a -Xmx1g
 * worker gets 10. Numbers written in the file that need more heap than the JVM has are refused at
 * start, and so is a heap too small for one copy: a worker that would run out of memory hours into
 * a copy is worse than one that does not start.
 *
 * <p>A verify, sync or baseline activity takes one slot but works on up to {@code
 * parallelCollections} collections at once, each holding up to {@link MemoryBudget#COLLECTION_MB}
 * MB (its streams' read-ahead, pending writes and held documents). So the heap left after the
 * reserve and the small slots is a memory budget ({@link #memoryBudgetMb}) that every copy, resync
 * and collection at work holds its share of while it runs ({@link MemoryBudget}): past it,
 * collections wait for a share, and {@link #collectionsAtOnce} says how many fit. A heap whose
 * budget cannot hold one such collection is refused at start.
 */
public record WorkerSizing(
    String identity,
    int maxConcurrentActivities,
    int maxConcurrentCutoverActivities,
    int maxConcurrentWorkflowTasks,
    Duration shutdownGrace,
    long heapMb,
    boolean activitiesDerived,
    long memoryBudgetMb) {
  static final long RESERVED_MB = 128;
  static final long ACTIVITY_SLOT_MB = MemoryBudget.COPY_MB;
  static final long SMALL_SLOT_MB = 2;
  static final int MAX_DEFAULT_ACTIVITIES = 32;
  static final int DEFAULT_CUTOVER_ACTIVITIES = 10;
  static final int DEFAULT_WORKFLOW_TASKS = 10;
  static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  static final String IDENTITY_PREFIX = "bluegreen@";

  /**
   * @param maxHeapBytes the JVM's heap limit ({@code Runtime.maxMemory()})
   * @param hostname this machine's name, for the default identity
   * @param metricsPort the metrics port, if any: it tells two workers on one host apart
   */
  public static WorkerSizing resolve(
      WorkerSettings s, long maxHeapBytes, String hostname, Integer metricsPort) {
    long heapMb = maxHeapBytes / (1024 * 1024);
    int cutover =
        s.maxConcurrentCutoverActivities() != null
            ? s.maxConcurrentCutoverActivities()
            : DEFAULT_CUTOVER_ACTIVITIES;
    int workflowTasks =
        s.maxConcurrentWorkflowTasks() != null
            ? s.maxConcurrentWorkflowTasks()
            : DEFAULT_WORKFLOW_TASKS;
    long fixedMb = RESERVED_MB + SMALL_SLOT_MB * (cutover + workflowTasks);
    boolean derived = s.maxConcurrentActivities() == null;
    int activities;
    if (derived) {
      long fits = (heapMb - fixedMb) / ACTIVITY_SLOT_MB;
      if (fits < 1) {
        throw new WorkerConfigException(
            "the worker's heap is "
                + heapMb
                + " MB, but one copy needs "
                + (fixedMb + ACTIVITY_SLOT_MB)
                + " MB ("
                + formula(1, cutover, workflowTasks)
                + "); give the JVM more, e.g. JAVA_OPTS=-Xmx1g");
      }
      activities = (int) Math.min(fits, MAX_DEFAULT_ACTIVITIES);
    } else {
      activities = s.maxConcurrentActivities();
      long needMb = fixedMb + ACTIVITY_SLOT_MB * activities;
      if (needMb > heapMb) {
        long fits = Math.max(0, (heapMb - fixedMb) / ACTIVITY_SLOT_MB);
        throw new WorkerConfigException(
            "worker.maxConcurrentActivities "
                + activities
                + " needs "
                + needMb
                + " MB of heap ("
                + formula(activities, cutover, workflowTasks)
                + "), but the worker's heap is "
                + heapMb
                + " MB: "
                + (fits >= 1
                    ? "lower it to at most " + fits + ", leave it out to size it from the heap, "
                    : "")
                + "or raise the heap (JAVA_OPTS=-Xmx"
                + ((needMb + 1023) / 1024)
                + "g)");
      }
    }
    long budgetMb = heapMb - fixedMb;
    if (budgetMb < MemoryBudget.COLLECTION_MB) {
      throw new WorkerConfigException(
          "the worker's heap is "
              + heapMb
              + " MB, but one collection of a verify, sync or baseline needs "
              + (fixedMb + MemoryBudget.COLLECTION_MB)
              + " MB ("
              + RESERVED_MB
              + " MB reserved + "
              + MemoryBudget.COLLECTION_MB
              + " MB + "
              + (cutover + workflowTasks)
              + " x "
              + SMALL_SLOT_MB
              + " MB per cutover activity and workflow task); give the JVM more, e.g. JAVA_OPTS=-Xmx1g");
    }
    String identity =
        s.identity() != null
            ? s.identity()
            : IDENTITY_PREFIX + hostname + (metricsPort == null ? "" : ":" + metricsPort);
    Duration grace = s.shutdownGrace() != null ? s.shutdownGrace() : DEFAULT_SHUTDOWN_GRACE;
    return new WorkerSizing(
        identity, activities, cutover, workflowTasks, grace, heapMb, derived, budgetMb);
  }

  private static String formula(int activities, int cutover, int workflowTasks) {
    return RESERVED_MB
        + " MB reserved + "
        + activities
        + " x "
        + ACTIVITY_SLOT_MB
        + " MB per activity + "
        + (cutover + workflowTasks)
        + " x "
        + SMALL_SLOT_MB
        + " MB per cutover activity and workflow task";
  }

  /** The heap these slots are budgeted to need. */
  public long neededMb() {
    return RESERVED_MB
        + ACTIVITY_SLOT_MB * maxConcurrentActivities
        + SMALL_SLOT_MB * (maxConcurrentCutoverActivities + maxConcurrentWorkflowTasks);
  }

  /**
   * How many collections of verify, sync and baseline activities fit the memory budget at once
   * (with no copy running); {@code parallelCollections} beyond what is free waits.
   */
  public long collectionsAtOnce() {
    return memoryBudgetMb / MemoryBudget.COLLECTION_MB;
  }

  /** One log line: what runs at once and why, so an operator can see the effect of -Xmx. */
  public String describe() {
    return "identity="
        + identity
        + " maxConcurrentActivities="
        + maxConcurrentActivities
        + (activitiesDerived ? " (from the heap)" : "")
        + " maxConcurrentCutoverActivities="
        + maxConcurrentCutoverActivities
        + " maxConcurrentWorkflowTasks="
        + maxConcurrentWorkflowTasks
        + " heap="
        + heapMb
        + "MB budgeted="
        + neededMb()
        + "MB memoryBudget="
        + memoryBudgetMb
        + "MB (a copy holds "
        + MemoryBudget.COPY_MB
        + "MB, each collection a verify/sync/baseline works on "
        + MemoryBudget.COLLECTION_MB
        + "MB: "
        + collectionsAtOnce()
        + " collections at once, parallelCollections beyond that waits) shutdownGrace="
        + shutdownGrace;
  }
}
