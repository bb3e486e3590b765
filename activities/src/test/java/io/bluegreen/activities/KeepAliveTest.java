package io.bluegreen.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityExecutionContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
  /** Records every heartbeat's details; no other method of the context is used by KeepAlive. */
  private static ActivityExecutionContext recording(List<Object> beats) {
    return (ActivityExecutionContext) Proxy.newProxyInstance(KeepAliveTest.class.getClassLoader(),
        new Class<?>[] {ActivityExecutionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("heartbeat")) {
            beats.add(args[0] == null ? "null" : args[0]);
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void repeatsTheRestoredCheckpointWhileBlockedThenTheLatestProgress() throws Exception {
    List<Object> beats = new CopyOnWriteArrayList<>();
    try (KeepAlive alive = new KeepAlive(recording(beats), "checkpoint-1", Duration.ofMillis(50), Duration.ofMinutes(1))) {
      Thread.sleep(300); // blocked in a slow first query: no progress of its own
      assertTrue(beats.size() >= 3, "heartbeats while blocked: " + beats);
      assertTrue(beats.stream().allMatch("checkpoint-1"::equals), "never overwrites the checkpoint: " + beats);
      alive.progress("checkpoint-2");
      Thread.sleep(200);
    }
    assertEquals("checkpoint-2", beats.get(beats.size() - 1));
    int after = beats.size();
    Thread.sleep(200);
    assertEquals(after, beats.size(), "closed: no more heartbeats");
  }

  @Test
  void stopsRepeatingOnceStalledSoAHungCallStillTimesOut() throws Exception {
    List<Object> beats = new CopyOnWriteArrayList<>();
    try (KeepAlive alive = new KeepAlive(recording(beats), 0L, Duration.ofMillis(30), Duration.ofMillis(200))) {
      Thread.sleep(500);
      int stalled = beats.size();
      assertTrue(stalled >= 2 && stalled <= 8, "repeated only within the stall limit: " + beats.size());
      Thread.sleep(200);
      assertEquals(stalled, beats.size());
    }
  }
}
