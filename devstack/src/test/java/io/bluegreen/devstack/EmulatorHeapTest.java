package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory the bench sizes its emulator from is what the kernel says is available, not the total.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EmulatorHeapTest {
  @TempDir Path dir;

  @Test
  void readsMemAvailableNotMemFreeOrTotal() throws Exception {
    Path meminfo = dir.resolve("meminfo");
    Files.writeString(
        meminfo,
        """
        MemTotal:       24576000 kB
        MemFree:         1024000 kB
        MemAvailable:   20480000 kB
        Buffers:          102400 kB
        """);
    assertEquals(OptionalLong.of(20_480_000L * 1024), EmulatorHeap.memAvailable(meminfo));
  }

  @Test
  void withoutMeminfoFallsBackToWhatTheJvmReportsFree() {
    assertEquals(OptionalLong.empty(), EmulatorHeap.memAvailable(dir.resolve("absent")));
    assertTrue(EmulatorHeap.availableMemoryBytes() > 0);
  }
}
