package io.bluegreen.starter;

import io.bluegreen.workflows.activities.CopyCheckpoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Copy speed per collection from successive heartbeat checkpoints (documents and bytes copied so
 * far, sampled each time watch polls). The rate is taken over a sliding window so that one slow
 * batch does not swing the ETA, and a checkpoint that goes backwards (a retried copy resuming from
 * an older heartbeat) starts the collection's samples over.
 */
public final class CopyRates {
  /** Long enough to smooth batch-sized steps, short enough to follow a real slowdown. */
  static final long WINDOW_MILLIS = 30_000;

  private record Sample(long atMillis, long copied, long bytes) {}

  /** Speed of one collection's copy; {@code eta} is empty when nothing moved yet. */
  public record Rate(double documentsPerSecond, double bytesPerSecond, Optional<Duration> eta) {
    public String describe() {
      return String.format(
          "%,.0f docs/s %.1f MB/s%s",
          documentsPerSecond,
          bytesPerSecond / 1_000_000,
          eta.map(d -> " ETA " + PlanView.duration(d)).orElse(""));
    }
  }

  private final Map<String, Deque<Sample>> samples = new HashMap<>();

  /** Records the checkpoints seen at {@code nowMillis}. */
  public void observe(Map<String, CopyCheckpoint> live, long nowMillis) {
    samples.keySet().retainAll(live.keySet());
    for (CopyCheckpoint c : live.values()) {
      Deque<Sample> q = samples.computeIfAbsent(c.collection(), k -> new ArrayDeque<>());
      Sample last = q.peekLast();
      if (last != null && c.copied() < last.copied()) {
        q.clear();
      }
      q.addLast(new Sample(nowMillis, c.copied(), c.bytes()));
      while (q.size() > 2 && nowMillis - q.peekFirst().atMillis() > WINDOW_MILLIS) {
        q.pollFirst();
      }
    }
  }

  /** The rate of a running copy of {@code total} documents, once two samples exist. */
  public Optional<Rate> rate(String collection, long total) {
    Deque<Sample> q = samples.get(collection);
    if (q == null || q.size() < 2) {
      return Optional.empty();
    }
    Sample first = q.peekFirst();
    Sample last = q.peekLast();
    double seconds = (last.atMillis() - first.atMillis()) / 1000.0;
    if (seconds <= 0) {
      return Optional.empty();
    }
    double docs = (last.copied() - first.copied()) / seconds;
    double bytes = Math.max(0, last.bytes() - first.bytes()) / seconds;
    Optional<Duration> eta =
        docs > 0
            ? Optional.of(
                Duration.ofSeconds((long) Math.ceil(Math.max(0, total - last.copied()) / docs)))
            : Optional.empty();
    return Optional.of(new Rate(docs, bytes, eta));
  }
}
