package io.bluegreen.activities.copy;

/**
 * Caps a copy at a number of documents per second, so that it can run beside production load on
 * Blue and Green. The schedule is cumulative from the start of the attempt: batch k may go once the
 * time for every document up to and including it has passed, which never exceeds the rate over any
 * stretch and does not drift with the time the writes themselves take.
 */
final class Throttle {
  /** Time as the throttle sees it: the system's, or a test's virtual time. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
  }

  static final Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };

  private static final Throttle UNLIMITED = new Throttle(0, SYSTEM);

  private final int perSecond;
  private final Clock clock;
  private final long startNanos;
  private long granted;

  private Throttle(int perSecond, Clock clock) {
    this.perSecond = perSecond;
    this.clock = clock;
    this.startNanos = clock.nanoTime();
  }

  /** {@code perSecond} of 0 or less is unlimited. */
  static Throttle perSecond(int perSecond) {
    return perSecond(perSecond, SYSTEM);
  }

  static Throttle perSecond(int perSecond, Clock clock) {
    return perSecond > 0 ? new Throttle(perSecond, clock) : UNLIMITED;
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
    long wait = dueNanos - clock.nanoTime();
    if (wait > 0) {
      try {
        clock.sleepNanos(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while throttled", e);
      }
    }
  }
}
