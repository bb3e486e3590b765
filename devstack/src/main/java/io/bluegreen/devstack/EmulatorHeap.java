package io.bluegreen.devstack;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The emulator's -Xmx, sized from the machine: it keeps every document of every database as Java
 * objects, so its default 512 MB runs out below 200,000 documents of 1 KB.
 */
public final class EmulatorHeap {
  static final long FLOOR_MB = 512;

  private EmulatorHeap() {}

  /**
   * What {@code BLUEGREEN_MONGO_HEAP} names (as -Xmx takes it, e.g. {@code 18g}), else {@link
   * #forMemory}.
   */
  static String forMachine() {
    return choose(System.getenv(ENV), physicalMemoryBytes());
  }

  static final String ENV = "BLUEGREEN_MONGO_HEAP";

  static String choose(String env, long physicalBytes) {
    if (env == null || env.isBlank()) {
      return forMemory(physicalBytes);
    }
    String heap = env.strip().toLowerCase(Locale.ROOT);
    if (!heap.matches("[1-9][0-9]*[mg]")) {
      throw new DevStackException(
          ENV + "=" + env + " is not a heap size: write it as -Xmx takes it, e.g. 18g or 4096m");
    }
    return heap;
  }

  /**
   * Half the machine's memory (the rest is for Temporal, Redis, the worker and the OS), at least
   * 512 MB.
   */
  static String forMemory(long physicalBytes) {
    long mb = physicalBytes / 2 / (1024 * 1024);
    return Math.max(FLOOR_MB, mb) + "m";
  }

  static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return FLOOR_MB * 2 * 1024 * 1024; // not a HotSpot-style JVM: the floor
  }

  /**
   * The memory a new process can have without pushing others into swap or the OOM killer: the
   * kernel's {@code MemAvailable} (free memory plus the page cache it can drop), else what the JVM
   * reports free. Not the machine's total: other processes (builds, tests) hold part of it.
   */
  public static long availableMemoryBytes() {
    return memAvailable(Path.of("/proc/meminfo")).orElseGet(EmulatorHeap::freeMemoryBytes);
  }

  /** {@code MemAvailable} of a {@code /proc/meminfo}-style file, in bytes. */
  static OptionalLong memAvailable(Path meminfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(meminfo);
    } catch (IOException | SecurityException e) {
      return OptionalLong.empty();
    }
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 2 && parts[0].equals("MemAvailable:")) {
        long kib = Long.parseLong(parts[1]);
        return OptionalLong.of(kib * 1024);
      }
    }
    return OptionalLong.empty();
  }

  private static long freeMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getFreeMemorySize();
    }
    return FLOOR_MB * 2 * 1024 * 1024;
  }
}
