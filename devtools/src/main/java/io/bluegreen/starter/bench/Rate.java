package io.bluegreen.starter.bench;

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

  /** The faster of two rounds: the machine is shared, and one slow moment must not decide a ratio. */
  static Rate best(Rate a, Rate b) {
    return a == null || b.docsPerSecond() > a.docsPerSecond() ? b : a;
  }

  static void print(String what, Rate r) {
    System.out.printf(Locale.ROOT, "%-56s %,10d docs in %6.2f s: %,9.0f docs/s %7.1f MB/s%n",
        what + ":", r.docs(), r.seconds(), r.docsPerSecond(), r.mbPerSecond());
  }

  /** For passes that read several streams: the seconds and the documents read, all streams together. */
  static void printSeconds(String what, Rate r) {
    System.out.printf(Locale.ROOT, "%-56s %6.2f s (%,d Blue and Green documents read in full)%n", what + ":", r.seconds(), r.docs());
  }
}
