package io.bluegreen.starter.bench;

import java.io.PrintStream;
import java.util.Locale;

/** One measured run: documents and bytes in seconds, and how the bench prints it. */
record Rate(long docs, long bytes, double seconds) {
  static Rate since(long startNanos, long docs, long bytes) {
    return new Rate(docs, bytes, (System.nanoTime() - startNanos) / 1e9);
  }

  double docsPerSecond() {
    return docs / seconds;
  }

  double mbPerSecond() {
    return bytes / seconds / (1024 * 1024);
  }

  /** The median round, with the spread of all rounds in seconds. */
  static void print(PrintStream out, String what, Rounds r) {
    Rate m = r.median();
    out.printf(
        Locale.ROOT,
        "%-56s %,10d docs in %6.2f s: %,9.0f docs/s %7.1f MB/s%s%n",
        what + ":",
        m.docs(),
        m.seconds(),
        m.docsPerSecond(),
        m.mbPerSecond(),
        r.spread());
  }

  /**
   * For passes that read several streams: the seconds and the documents read, all streams together.
   */
  static void printSeconds(PrintStream out, String what, Rounds r) {
    Rate m = r.median();
    out.printf(
        Locale.ROOT,
        "%-56s %6.2f s (%,d Blue and Green documents read in full)%s%n",
        what + ":",
        m.seconds(),
        m.docs(),
        r.spread());
  }
}
