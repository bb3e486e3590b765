package io.bluegreen.starter.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The rounds of one measurement, in the order they ran. The machine is shared and the emulator
 * warms up as the run goes on, so a figure is the median round, printed with the spread of all of
 * them, and the two sides of a ratio are measured in alternating rounds.
 */
final class Rounds {
  private final List<Rate> rates = new ArrayList<>();

  static Rounds of(Rate rate) {
    Rounds r = new Rounds();
    r.add(rate);
    return r;
  }

  Rate add(Rate rate) {
    rates.add(rate);
    return rate;
  }

  int size() {
    return rates.size();
  }

  Rate get(int round) {
    return rates.get(round);
  }

  /** The round in the middle by time (the lower middle of an even count). */
  Rate median() {
    List<Rate> sorted = new ArrayList<>(rates);
    sorted.sort(Comparator.comparingDouble(Rate::seconds));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** {@code " (median of 3 rounds: 3.90–9.39 s)"}, or nothing for a single round. */
  String spread() {
    return rates.size() < 2 ? "" : " (" + range() + ")";
  }

  /** {@code "median of 3 rounds: 3.90–9.39 s"}, or {@code "1 round"}. */
  String range() {
    if (rates.size() < 2) {
      return "1 round";
    }
    double min = rates.stream().mapToDouble(Rate::seconds).min().orElseThrow();
    double max = rates.stream().mapToDouble(Rate::seconds).max().orElseThrow();
    return String.format(Locale.ROOT, "median of %d rounds: %.2f–%.2f s", rates.size(), min, max);
  }

  /**
   * {@code ratio NAME: N.NN}, the medians' ratio, then the spread of the ratio round by round (each
   * round's two sides measured next to each other).
   */
  static void printRatio(
      PrintStream out,
      String name,
      Rounds numerator,
      Rounds denominator,
      ToDoubleFunction<Rate> measure) {
    double ratio =
        measure.applyAsDouble(numerator.median()) / measure.applyAsDouble(denominator.median());
    int n = Math.min(numerator.size(), denominator.size());
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double r =
          measure.applyAsDouble(numerator.get(i)) / measure.applyAsDouble(denominator.get(i));
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    String spread =
        n < 2
            ? ""
            : String.format(
                Locale.ROOT,
                " (medians of %d alternating rounds each; round by round %.2f–%.2f)",
                n,
                min,
                max);
    out.printf(Locale.ROOT, "ratio %s: %.2f%s%n", name, ratio, spread);
  }

  /** One measurement of either side. */
  interface Measurement {
    void run() throws Exception;
  }

  /**
   * {@link BenchRun#ROUNDS} rounds of both sides, raw first in even rounds and ours first in odd
   * ones, so neither always runs on the other's leftovers; the last round ends with {@code
   * oursLast}.
   */
  static void alternate(Measurement rawSide, Measurement oursSide, Measurement oursLast)
      throws Exception {
    for (int round = 0; round < BenchRun.ROUNDS; round++) {
      boolean last = round == BenchRun.ROUNDS - 1;
      if (round % 2 == 0 || last) {
        rawSide.run();
        (last ? oursLast : oursSide).run();
      } else {
        oursSide.run();
        rawSide.run();
      }
    }
  }
}
