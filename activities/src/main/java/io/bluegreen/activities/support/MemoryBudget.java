package io.bluegreen.activities.support;

import io.bluegreen.activities.sync.SyncMemory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker's heap, shared in MB by what holds memory: each running copy, resync or single
 * verification ({@link #COPY_MB}) and each collection a verify, sync or baseline activity works on
 * at once ({@link #COLLECTION_MB}, up to {@code parallelCollections} per activity). The worker sets
 * the budget at start from its heap ({@link #limitTo}); work that does not fit waits for what is
 * held to be released, first come first served, and keeps its activity alive meanwhile. Nothing
 * holds more than one share, so nothing waits on itself. Unlimited until the worker sets it
 * (tests).
 */
public final class MemoryBudget {
  /** A copy: three 16 MB batches plus the driver's buffers for one reply and one insert message. */
  public static final int COPY_MB = 80;

  /** One collection of a verify, sync or baseline activity (see {@link SyncMemory}). */
  public static final int COLLECTION_MB = SyncMemory.COLLECTION_MB;

  private static volatile Semaphore budget;

  private MemoryBudget() {}

  /** From now on, at most {@code mb} MB are held at once. */
  public static void limitTo(long mb) {
    budget = new Semaphore((int) Math.min(Integer.MAX_VALUE, mb), true);
  }

  /** No budget (tests). */
  static void unlimited() {
    budget = null;
  }

  /** A share of the budget, held until closed. */
  public interface Share extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes {@code mb} MB of the budget, calling {@code waiting} every few seconds until then. */
  public static Share take(int mb, Runnable waiting) {
    Semaphore b = budget;
    if (b == null) {
      return () -> {};
    }
    try {
      while (!b.tryAcquire(mb, 3, TimeUnit.SECONDS)) {
        waiting.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the worker's memory budget");
    }
    return () -> b.release(mb);
  }
}
