package io.bluegreen.devstack;

import java.lang.management.ManagementFactory;

/**
 * The emulator's -Xmx, sized from the machine: it keeps every document of every database as Java
 * objects, so its default 512 MB runs out below 200,000 documents of 1 KB.
 */
final class EmulatorHeap {
  static final long FLOOR_MB = 512;

  private EmulatorHeap() {}

  /** What {@code BLUEGREEN_MONGO_HEAP} names (as -Xmx takes it, e.g. {@code 18g}), else {@link #forMemory}. */
  static String forMachine() {
    return choose(System.getenv(ENV), physicalMemoryBytes());
  }

  static final String ENV = "BLUEGREEN_MONGO_HEAP";

  static String choose(String env, long physicalBytes) {
    if (env == null || env.isBlank()) {
      return forMemory(physicalBytes);
    }
    String heap = env.strip().toLowerCase(java.util.Locale.ROOT);
    if (!heap.matches("[1-9][0-9]*[mg]")) {
      throw new DevStackException(ENV + "=" + env + " is not a heap size: write it as -Xmx takes it, e.g. 18g or 4096m");
    }
    return heap;
  }

  /** Half the machine's memory (the rest is for Temporal, Redis, the worker and the OS), at least 512 MB. */

  static String forMemory(long physicalBytes) {
    long mb = physicalBytes / 2 / (1024 * 1024);
    return Math.max(FLOOR_MB, mb) + "m";
  }

  static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return FLOOR_MB * 2 * 1024 * 1024; // not a HotSpot-style JVM: the floor
  }
}
