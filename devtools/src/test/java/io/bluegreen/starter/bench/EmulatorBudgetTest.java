package io.bluegreen.starter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.starter.BluegreenCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench's emulator heap: sized from the memory available, and a size that cannot fit refused
 * before seeding.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EmulatorBudgetTest {
  private static final long GB = 1024L * 1024 * 1024;

  @Test
  void theDefaultsFitA24GbMachineWithOtherWorkRunning() {
    EmulatorBudget.Plan plan = new EmulatorBudget(200_000, 5, false).plan("auto", 18 * GB);
    assertFalse(plan.refused().isPresent(), plan.toString());
    long heap = EmulatorBudget.parseSize(plan.heap());
    assertTrue(heap >= new EmulatorBudget(200_000, 5, false).heapNeeded(), plan.toString());
    assertTrue(
        heap <= (18 * GB - EmulatorBudget.RESERVE_BYTES) * EmulatorBudget.HEAP_SHARE,
        "more heap than the memory available: " + plan);
  }

  @Test
  void aSizeThatCannotFitIsRefusedWithTheSizeThatFits() {
    EmulatorBudget budget = new EmulatorBudget(2_000_000, 5, false);
    EmulatorBudget.Plan plan = budget.plan("auto", 20 * GB);
    String refusal = plan.refused().orElseThrow();
    Matcher suggested = Pattern.compile("Run with --documents (\\d+) or fewer").matcher(refusal);
    assertTrue(suggested.find(), refusal);
    int fits = Integer.parseInt(suggested.group(1));
    assertTrue(fits > 100_000 && fits < 2_000_000, refusal);
    assertFalse(
        new EmulatorBudget(fits, 5, false).plan("auto", 20 * GB).refused().isPresent(),
        "the suggested --documents " + fits + " is refused too");
  }

  @Test
  void anExplicitHeapTooSmallIsRefusedNamingTheOption() {
    String refusal =
        new EmulatorBudget(1_000_000, 0, false).plan("6g", 20 * GB).refused().orElseThrow();
    assertTrue(refusal.contains("--mongo-heap 6g holds --documents"), refusal);
    assertTrue(
        new EmulatorBudget(1_000_000, 0, true).plan("6g", 20 * GB).refused().isEmpty(),
        "a million small documents fit 6g");
    assertTrue(
        new EmulatorBudget(200_000, 0, false)
            .plan("six", 20 * GB)
            .refused()
            .orElseThrow()
            .contains("not a heap size"));
  }

  @Test
  void theCliRefusesBeforeStartingAnything() {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      code = BluegreenCli.run("bench", "--documents", "100000000");
    } finally {
      System.setErr(err);
    }
    String message = printed.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, message);
    assertTrue(message.contains("Run with --documents"), message);
  }
}
