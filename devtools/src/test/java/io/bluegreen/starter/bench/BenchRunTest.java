package io.bluegreen.starter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench end to end at a tiny size, in this JVM, on a MongoDB-wire emulator and Redis of its
 * own: every ratio line is printed and nothing fails. Nothing is asserted on time; the figures are
 * printed for whoever reads the test output.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BenchRunTest {
  private static final List<String> RATIOS =
      List.of(
          "copy/raw (1 collection)",
          "copy/raw (4 collections)",
          "verify/raw-read",
          "cutover-window/verify",
          "one-collection ranges/raw",
          "copy/raw (1 MB documents)");

  @Test
  void aSmallRunPrintsEveryRatioAndTheDeploymentsHistory() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      code =
          BenchRun.measure(
              new BenchRun.Settings(
                  2000,
                  1,
                  9,
                  Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m",
                  DevStack.defaultHome(),
                  "1g",
                  false,
                  MongoBackend.EMULATOR,
                  false),
              out);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.println(output);

    assertEquals(0, code, "the bench failed (its stack trace is on stderr):\n" + output);
    for (String ratio : RATIOS) {
      assertTrue(
          Pattern.compile(
                  "(?m)^ratio "
                      + Pattern.quote(ratio)
                      + ": \\d+\\.\\d\\d \\(medians of 3 alternating rounds each")
              .matcher(output)
              .find(),
          "no line `ratio " + ratio + ": N.NN` over three rounds in:\n" + output);
    }
    assertTrue(
        Pattern.compile("(?m)^final pass, reading Blue: .* s of .* s \\(\\d+ %")
            .matcher(output)
            .find(),
        "the final pass's share reading Blue is not printed:\n" + output);
    assertTrue(
        Pattern.compile("(?m)^deployment of 9 collections: \\d+ history events")
            .matcher(output)
            .find(),
        "the whole deployment's history is not printed:\n" + output);
    assertTrue(
        Pattern.compile(
                "(?m)^new-job pause: \\d+\\.\\d s without overlap \\(Blue's drain \\d+\\.\\d s\\),"
                    + " \\d+\\.\\d s with cutover.overlapDrain")
            .matcher(output)
            .find(),
        "the new-job pause with and without overlap is not printed:\n" + output);
  }
}
