package io.bluegreen.starter.bench;

import java.lang.management.ManagementFactory;
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
}
