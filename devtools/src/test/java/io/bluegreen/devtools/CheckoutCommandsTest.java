package io.bluegreen.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.starter.BluegreenCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With devtools on the class path (a checkout), the CLI has the checkout's commands beside the
 * operator's.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CheckoutCommandsTest {
  @Test
  void helpListsDevDemoAndBenchBesideTheOperatorsCommands() {
    String help = stdout(() -> assertEquals(0, BluegreenCli.run("--help")));
    for (String command :
        List.of("approve", "audit", "worker", "package", "dev", "demo", "bench")) {
      assertTrue(
          help.lines().anyMatch(l -> l.matches("\\s+" + command + "\\s.*")),
          command + " listed:\n" + help);
    }
  }

  @Test
  void theDemoCommandParsesItsOwnOptions() {
    String help = stdout(() -> assertEquals(0, BluegreenCli.run("help", "demo")));
    assertTrue(help.contains("--auto-approve") && help.contains("--documents"), help);
  }

  private static String stdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
