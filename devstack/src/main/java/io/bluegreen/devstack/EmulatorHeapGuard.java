package io.bluegreen.devstack;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
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
      Set.of("insert", "update", "findandmodify", "create", "createindexes", "aggregate", "copydb");

  private final List<MemoryPoolMXBean> pools;
  private final long maxHeap;
  private final double fullFraction;
  private final String heapLabel;

  EmulatorHeapGuard(double fullFraction, String heapLabel) {
    this.pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();
    this.maxHeap = Runtime.getRuntime().maxMemory();
    this.fullFraction = fullFraction;
    this.heapLabel = heapLabel;
  }

  /** Heap in use right after the last garbage collections: the live data, without garbage. */
  long liveBytes() {
    long live = 0;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null) {
        live += afterGc.getUsed();
      }
    }
    return live;
  }

  /** Throws the error the client sees when {@code command} would grow a nearly full heap. */
  void checkRoomFor(String command) {
    if (!GROWING.contains(command.toLowerCase(Locale.ROOT))) {
      return;
    }
    long live = liveBytes();
    if (live > maxHeap * fullFraction) {
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
