package io.bluegreen.starter.bench;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** The heap in use, garbage included, at its highest while measuring: what -Xmx must hold. */
final class HeapSampler {
  private final AtomicLong peak = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  void start() {
    running = true;
    thread =
        new Thread(
            () -> {
              var memory = ManagementFactory.getMemoryMXBean();
              while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  long peak() {
    return peak.get();
  }

  /**
   * The peak heap and the JVM's garbage collections so far, against {@code -Xmx} of {@code heap}.
   */
  void print(PrintStream out, String heap) {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    out.printf(
        Locale.ROOT,
        "worker peak heap: %d MB of -Xmx%s (heap in use, sampled every 5 ms while measuring); GC: %d collections, %d ms%n",
        peak() / (1024 * 1024),
        heap,
        gcCount,
        gcMillis);
  }
}
