package io.bluegreen.devstack;

import java.lang.management.ManagementFactory;

/**
 * The emulator's -Xmx, sized from the machine: it keeps every document of every database as Java
 * objects, so its default 512 MB runs out below 200,000 documents of 1 KB.
 */
final class EmulatorHeap {
  static final long FLOOR_MB = 512;

  private EmulatorHeap() {}

  /** Half the machine's memory (the rest is for Temporal, Redis, the worker and the OS), at least 512 MB. */
  static String forMachine() {
    return forMemory(physicalMemoryBytes());
  }

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
