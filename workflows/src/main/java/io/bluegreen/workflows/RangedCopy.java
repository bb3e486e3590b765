package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.temporal.workflow.Async;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COPYING with large collections split: a collection of at least {@code copy.rangeThreshold}
 * documents is copied as {@code copy.ranges} {@code _id} ranges in parallel instead of one cursor,
 * so the largest collection no longer bounds the copy. Every copy, of a whole collection or of a
 * range, takes one of the {@code copy.parallelCollections} slots; each range is its own activity,
 * so it resumes from its own checkpoint and a failed range is retried alone. History stays
 * O(ranges): one split, one copy per range, and one event per collection.
 */
final class RangedCopy {
  /** One activity of the copy: a whole collection ({@code range} null) or one range of it. */
  private record Part(String collection, IdRange range) {}

  private final DeploymentRequest request;
  private final DeploymentState state;

  /**
   * The ranges of each split collection, in plan order: the verification compares them one by one.
   */
  private final Map<String, List<IdRange>> ranges = new LinkedHashMap<>();

  private final Map<String, Integer> indexes = new LinkedHashMap<>();

  RangedCopy(DeploymentRequest request, DeploymentState state) {
    this.request = request;
    this.state = state;
  }

  /** The ranges of the collections copied in ranges; empty for the others. */
  Map<String, List<IdRange>> ranges() {
    return ranges;
  }

  void copy(List<String> names) {
    CopyOptions copy = request.copy();
    split(names, copy);
    Map<String, Part> parts = new LinkedHashMap<>();
    for (String name : names) {
      List<IdRange> split = ranges.get(name);
      if (split == null) {
        parts.put(name, new Part(name, null));
      } else {
        for (IdRange r : split) {
          parts.put(name + " range " + r.label(), new Part(name, r));
        }
      }
    }
    Map<String, long[]> rangeTotals = new LinkedHashMap<>();
    ParallelCollections.run(
        new ArrayList<>(parts.keySet()),
        copy.parallelCollections(),
        key -> {
          Part part = parts.get(key);
          long docs =
              part.range() == null
                  ? state.documents(part.collection())
                  : state.documents(part.collection()) / part.range().count();
          return Async.function(
              ActivityStubs.copy(
                      "copy " + key + " " + (part.range() == null ? "" : "~") + docs + " docs")
                  ::copyCollection,
              new CopyInput(
                  request.blue(),
                  request.green(),
                  part.collection(),
                  copy.batchSize(),
                  copy.documentsPerSecond(),
                  part.range()));
        },
        (key, result) -> {
          Part part = parts.get(key);
          if (part.range() == null) {
            state.copied(result);
            state.event(
                "copied "
                    + part.collection()
                    + ": "
                    + result.documents()
                    + " documents, "
                    + result.indexes()
                    + " indexes");
            return;
          }
          // {documents, bytes, ranges done}: the status counts the finished ranges (a running one's
          // progress is in its heartbeat); one event once the last range is in.
          long[] t = rangeTotals.computeIfAbsent(part.collection(), n -> new long[3]);
          t[0] += result.documents();
          t[1] += result.bytes();
          t[2]++;
          state.copied(
              new CopyResult(part.collection(), t[0], t[1], indexes.get(part.collection())));
          if (t[2] == ranges.get(part.collection()).size()) {
            state.event(
                "copied "
                    + part.collection()
                    + ": "
                    + t[0]
                    + " documents in "
                    + t[2]
                    + " _id ranges, "
                    + indexes.get(part.collection())
                    + " indexes");
          }
        });
  }

  /**
   * Asks Blue's {@code _id} index for the split points of every collection at or above the
   * threshold.
   */
  private void split(List<String> names, CopyOptions copy) {
    // Generation 1 copied every collection whole: its runs replay without the split activities.
    if (copy.ranges() < 2 || state.generation() < Versions.WINDOW) {
      return;
    }
    List<String> large = new ArrayList<>();
    for (String name : names) {
      if (state.documents(name) >= copy.rangeThreshold()) {
        large.add(name);
      }
    }
    ParallelCollections.run(
        large,
        copy.parallelCollections(),
        name ->
            Async.function(
                ActivityStubs.copy("split " + name + " into " + copy.ranges() + " ranges")
                    ::splitCollection,
                new RangeSplitInput(request.blue(), request.green(), name, copy.ranges())),
        (name, split) -> {
          if (split.ranges().size() > 1) {
            ranges.put(name, split.ranges());
            indexes.put(name, split.indexes());
            state.event(
                "split "
                    + name
                    + " into "
                    + split.ranges().size()
                    + " _id ranges, copied in parallel");
          }
        });
  }
}
