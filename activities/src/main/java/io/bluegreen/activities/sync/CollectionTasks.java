package io.bluegreen.activities.sync;

import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.activities.support.MemoryBudget;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One task per collection of a baseline or sync activity, {@code parallelCollections} at a time.
 * Each holds its share of the worker's heap ({@link MemoryBudget}) while it runs. The documents
 * looked at so far are heartbeated (which also delivers cancellation), and a KeepAlive covers a
 * slow first batch and a wait for the budget; a failed collection fails the activity once the
 * others stop.
 */
final class CollectionTasks {
  private CollectionTasks() {}

  /** One collection's work; {@code seen} takes the documents it has looked at so far. */
  interface PerCollection<T> {
    T run(String name, LongConsumer seen) throws Exception;
  }

  static <T> List<T> run(List<String> names, int parallel, PerCollection<T> task) {
    if (names == null || names.isEmpty()) {
      return List.of();
    }
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    AtomicLong total = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallel, names.size())),
            r -> {
              Thread t = new Thread(r, "sync-" + ctx.getInfo().getActivityId());
              t.setDaemon(true);
              return t;
            });
    try (KeepAlive alive = new KeepAlive(ctx, 0L)) {
      List<Future<T>> futures = new ArrayList<>();
      for (String name : names) {
        long[] last = new long[1];
        LongConsumer seen =
            n -> {
              alive.progress(total.addAndGet(n - last[0]));
              last[0] = n;
            };
        // Each collection at work holds its share of the worker's heap: parallelCollections beyond
        // what the budget has free waits.
        Callable<T> call =
            () -> {
              try (MemoryBudget.Share share =
                  MemoryBudget.take(MemoryBudget.COLLECTION_MB, alive::waiting)) {
                return task.run(name, seen);
              }
            };
        futures.add(pool.submit(call));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(await(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while syncing");
    }
  }
}
