package io.bluegreen.workflows;

import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one activity per collection with at most {@code limit} in flight, in plan order. Uses only
 * Temporal promises, so it is deterministic; it adds no history events of its own.
 */
final class ParallelCollections {
  private ParallelCollections() {}

  /**
   * Starts {@code start} for each name, keeping {@code limit} running, and hands each result to
   * {@code done} as it completes. The first failure propagates; the others are left to the
   * workflow's cancellation.
   */
  static <R> void run(
      List<String> names,
      int limit,
      Function<String, Promise<R>> start,
      BiConsumer<String, R> done) {
    Map<String, Promise<R>> running = new LinkedHashMap<>();
    for (String name : names) {
      while (running.size() >= limit) {
        Promise.anyOf(new ArrayList<>(running.values())).get();
        collect(running, done);
      }
      running.put(name, start.apply(name));
    }
    while (!running.isEmpty()) {
      Promise.anyOf(new ArrayList<>(running.values())).get();
      collect(running, done);
    }
  }

  private static <R> void collect(Map<String, Promise<R>> running, BiConsumer<String, R> done) {
    Iterator<Map.Entry<String, Promise<R>>> it = running.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Promise<R>> e = it.next();
      if (e.getValue().isCompleted()) {
        R result = e.getValue().get();
        it.remove();
        done.accept(e.getKey(), result);
      }
    }
  }
}
