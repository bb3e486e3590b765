package io.bluegreen.activities.copy;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.activities.support.MemoryBudget;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Blue and Green compared document by document ({@link CollectionComparison}): one collection, or
 * several at once on a pool of threads, a collection copied in ranges range by range.
 */
final class CollectionVerification {
  private final Connections connections;
  private final CopyMetrics metrics;

  CollectionVerification(Connections connections, CopyMetrics metrics) {
    this.connections = connections;
    this.metrics = metrics;
  }

  VerifyResult one(VerifyInput input) {
    try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L);
        MemoryBudget.Share share = MemoryBudget.take(MemoryBudget.COLLECTION_MB, alive::waiting)) {
      return verify(
          Activity.getExecutionContext().getInfo().getWorkflowId(), input, alive::progress);
    }
  }

  /**
   * Runs the collections' comparisons on a pool of {@code parallel} threads. Their progress
   * heartbeats the total compared (which also delivers cancellation to the thread that heartbeats),
   * and a {@link KeepAlive} covers slow first batches; a cancelled or failed comparison stops all.
   */
  VerifyCollectionsResult all(VerifyCollectionsInput input) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    List<String> names = input.collections();
    String workflowId = ctx.getInfo().getWorkflowId();
    AtomicLong compared = new AtomicLong();
    List<VerifyInput> units = new ArrayList<>();
    for (String name : names) {
      List<IdRange> ranges = input.ranges().get(name);
      if (ranges == null || ranges.isEmpty()) {
        units.add(new VerifyInput(input.blue(), input.green(), name, input.maxListed()));
      } else {
        // A collection copied in ranges is compared range by range, each on its own.
        for (IdRange range : ranges) {
          units.add(new VerifyInput(input.blue(), input.green(), name, input.maxListed(), range));
        }
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(input.parallel(), units.size())),
            r -> {
              Thread t = new Thread(r, "verify-" + ctx.getInfo().getActivityId());
              t.setDaemon(true);
              return t;
            });
    try (KeepAlive alive = new KeepAlive(ctx, 0L)) {
      List<Future<VerifyResult>> futures = new ArrayList<>();
      for (VerifyInput unit : units) {
        long[] last = new long[1];
        futures.add(
            pool.submit(
                () -> {
                  // Each collection (or range) at work holds its share of the worker's heap.
                  try (MemoryBudget.Share share =
                      MemoryBudget.take(MemoryBudget.COLLECTION_MB, alive::waiting)) {
                    return verify(
                        workflowId,
                        unit,
                        seen -> {
                          long total = compared.addAndGet(seen - last[0]);
                          last[0] = seen;
                          alive.progress(total);
                        });
                  }
                }));
      }
      List<VerifyResult> results = new ArrayList<>();
      for (Future<VerifyResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while verifying");
        }
      }
      return new VerifyCollectionsResult(results);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * @param workflowId read on the activity's thread: comparisons may run on a pool's
   */
  private VerifyResult verify(String workflowId, VerifyInput input, LongConsumer progress) {
    CollectionComparison.Compared compared =
        CollectionComparison.compare(connections, input, progress);
    VerifyResult result = compared.result();
    metrics.verified(workflowId, input.collection(), result.blueDocuments(), compared.blueBytes());
    metrics.differences(workflowId, input.collection(), "missing", result.missing());
    metrics.differences(workflowId, input.collection(), "extra", result.extra());
    metrics.differences(workflowId, input.collection(), "changed", result.changed());
    return result;
  }
}
