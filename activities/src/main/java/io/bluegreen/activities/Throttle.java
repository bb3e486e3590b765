package io.bluegreen.activities;

/**
 * Caps a copy at a number of documents per second, so that it can run beside production load
 * on Blue and Green. The schedule is cumulative from the start of the attempt: batch k may go
 * once the time for every document up to and including it has passed, which never exceeds the
 * rate over any stretch and does not drift with the time the writes themselves take.
 */
final class Throttle {
  private static final Throttle UNLIMITED = new Throttle(0);

  private final int perSecond;
  private final long startNanos = System.nanoTime();
  private long granted;

  private Throttle(int perSecond) {
    this.perSecond = perSecond;
  }

  /** {@code perSecond} of 0 or less is unlimited. */
  static Throttle perSecond(int perSecond) {
    return perSecond > 0 ? new Throttle(perSecond) : UNLIMITED;
  }

  /** A batch of at most one second's worth. */
  int capBatch(int batchSize) {
    return perSecond > 0 ? Math.max(1, Math.min(batchSize, perSecond)) : batchSize;
  }

  /** Waits until {@code documents} more are allowed. */
  void acquire(int documents) {
    if (perSecond <= 0) {
      return;
    }
    granted += documents;
    long dueNanos = startNanos + granted * 1_000_000_000L / perSecond;
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while throttled", e);
      }
    }
  }
}
