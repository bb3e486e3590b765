package io.bluegreen.devstack;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses writes once the emulator's live data fills most of its heap. The emulator keeps every
 * document in memory; left to run into an OutOfMemoryError it dies mid-write and can leave its H2
 * store unreadable. Refusing the write instead gives the client a clear error while reads, drops
 * and deletes (which free room) still work.
 */
final class EmulatorHeapGuard {
  /** MongoDB's own code for ExceededMemoryLimit. */
  static final int EXCEEDED_MEMORY_LIMIT = 146;

  private static final Set<String> GROWING =
      Set.of("insert", "update", "findandmodify", "create", "createindexes");

  private static final long GC_INTERVAL_NANOS = 1_000_000_000L;

  private final long limit;
  private final String heapLabel;
  private long lastGc = System.nanoTime() - GC_INTERVAL_NANOS;
  private long liveAfterLastGc;

  EmulatorHeapGuard(double fullFraction, String heapLabel) {
    this.limit = (long) (Runtime.getRuntime().maxMemory() * fullFraction);
    this.heapLabel = heapLabel;
  }

  /**
   * The old generation, where the documents the emulator keeps end up: its occupancy leaves out the
   * young generation's short-lived garbage, which on a busy heap alone passed the limit and made
   * the guard stop the world for a full collection every second of a bulk insert (seconds each with
   * millions of documents). Absent (a collector without one), the whole heap.
   */
  private static final Optional<MemoryPoolMXBean> OLD_GENERATION =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .filter(p -> p.getName().contains("Old Gen") || p.getName().contains("Tenured"))
          .findFirst();

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long kept() {
    return OLD_GENERATION.map(p -> p.getUsage().getUsed()).orElseGet(EmulatorHeapGuard::used);
  }

  /**
   * The live data when the heap looks full: what it keeps counts garbage too, so past the limit a
   * collection (at most one a second: it stops the world) tells live data from garbage.
   */
  synchronized long liveBytesWhenNearFull() {
    long kept = kept();
    if (kept < limit) {
      return kept;
    }
    if (System.nanoTime() - lastGc >= GC_INTERVAL_NANOS) {
      System.gc();
      lastGc = System.nanoTime();
      liveAfterLastGc = used();
    }
    return liveAfterLastGc;
  }

  /** Throws the error the client sees when {@code command} would grow a nearly full heap. */
  void checkRoomFor(String command) {
    if (!GROWING.contains(command.toLowerCase(Locale.ROOT))) {
      return;
    }
    long live = liveBytesWhenNearFull();
    if (live > limit) {
      throw new MongoServerError(
          EXCEEDED_MEMORY_LIMIT,
          "ExceededMemoryLimit",
          String.format(
              Locale.ROOT,
              "the MongoDB emulator (mongo-java-server) keeps every document in memory and its heap"
                  + " is full (%d MB of -Xmx%s in use after garbage collection): %s refused, nothing"
                  + " written. Start the stack with FerretDB (`./bluegreen dev up --mongo ferretdb`,"
                  + " disk-backed), give the emulator more heap, or drop databases you no longer need",
              live / (1024 * 1024),
              heapLabel,
              command));
    }
  }
}
