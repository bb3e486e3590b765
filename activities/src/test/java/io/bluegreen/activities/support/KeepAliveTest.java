package io.bluegreen.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityExecutionContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class KeepAliveTest {
  /** Records every heartbeat's details; no other method of the context is used by KeepAlive. */
  private static ActivityExecutionContext recording(List<Object> beats) {
    return (ActivityExecutionContext)
        Proxy.newProxyInstance(
            KeepAliveTest.class.getClassLoader(),
            new Class<?>[] {ActivityExecutionContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("heartbeat")) {
                beats.add(args[0] == null ? "null" : args[0]);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /**
   * Waits for a condition on the heartbeats; the class's timeout fails a test that never sees it.
   */
  private static void await(List<Object> beats, Predicate<List<Object>> condition)
      throws InterruptedException {
    while (!condition.test(List.copyOf(beats))) {
      Thread.sleep(10);
    }
  }

  @Test
  void repeatsTheRestoredCheckpointWhileBlockedThenTheLatestProgress() throws Exception {
    List<Object> beats = new CopyOnWriteArrayList<>();
    KeepAlive alive =
        new KeepAlive(
            recording(beats), "checkpoint-1", Duration.ofMillis(20), Duration.ofMinutes(1));
    try (alive) {
      // Blocked in a slow first query: no progress of its own, yet it heartbeats, the checkpoint.
      await(beats, b -> b.size() >= 3);
      assertTrue(
          beats.stream().allMatch("checkpoint-1"::equals),
          "never overwrites the checkpoint: " + beats);
      alive.progress("checkpoint-2");
      int atProgress = beats.size();
      // Repeats go on, with the new progress.
      await(beats, b -> b.size() >= atProgress + 2);
      assertTrue(
          beats.subList(atProgress - 1, beats.size()).stream().allMatch("checkpoint-2"::equals),
          "" + beats);
    }
    assertTrue(alive.closed(), "closed: the repeating task is cancelled, so no more heartbeats");
  }

  private static void awaitTicks(KeepAlive alive, int ticks) throws InterruptedException {
    while (alive.ticks() < ticks) {
      Thread.sleep(5);
    }
  }

  @Test
  void stopsRepeatingOnceStalledSoAHungCallStillTimesOut() throws Exception {
    List<Object> beats = new CopyOnWriteArrayList<>();
    AtomicLong now = new AtomicLong();
    // A virtual clock for the stall limit: "no progress for ten minutes" is a matter of setting it.
    try (KeepAlive alive =
        new KeepAlive(
            recording(beats), 0L, Duration.ofMillis(10), Duration.ofMinutes(10), now::get)) {
      await(beats, b -> b.size() >= 2);
      now.set(Duration.ofMinutes(10).toNanos() + 1);
      awaitTicks(alive, alive.ticks() + 2); // a tick that read the clock before it moved has ended
      int stalled = beats.size();
      awaitTicks(alive, alive.ticks() + 3);
      assertEquals(
          stalled, beats.size(), "no heartbeat once stalled, though the timer ran: " + beats);
      alive.progress(1L);
      await(beats, b -> b.size() >= stalled + 3);
      assertEquals(1L, beats.get(beats.size() - 1), "progress revives the repeats");
    }
  }
}
