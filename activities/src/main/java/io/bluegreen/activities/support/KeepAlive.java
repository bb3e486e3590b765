package io.bluegreen.activities.support;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Heartbeats for a long activity while it is blocked inside one driver call. A copy or verification
 * heartbeats after every batch, but the first batch of a sorted scan over a large collection can
 * take longer than the heartbeat timeout (the MongoDB-wire emulator sorts the whole collection
 * first; a busy MongoDB may too). A verification starts from scratch on every attempt, so it then
 * timed out again and again (attempt 6 in the crash tests, never finishing). This repeats the last
 * details every few seconds, so the heartbeat timeout still finds a dead worker (the thread dies
 * with it) but not a slow query. It stops repeating once the activity has made no progress for
 * {@link #STALL_LIMIT}, so a call hung for good still ends in a heartbeat timeout and a retry.
 */
public final class KeepAlive implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(3);
  static final Duration STALL_LIMIT = Duration.ofMinutes(10);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bluegreen-activity-keepalive");
            t.setDaemon(true);
            return t;
          });

  private final ActivityExecutionContext ctx;
  private final Duration stallLimit;
  private final ScheduledFuture<?> task;
  private final LongSupplier nanoTime;
  private final AtomicInteger ticks = new AtomicInteger();
  private volatile Object details;
  private volatile long lastProgressNanos;

  /**
   * @param details what to repeat until the first {@link #progress}: the restored checkpoint, so it
   *     is never overwritten with nothing
   */
  public KeepAlive(ActivityExecutionContext ctx, Object details) {
    this(ctx, details, EVERY, STALL_LIMIT);
  }

  KeepAlive(ActivityExecutionContext ctx, Object details, Duration every, Duration stallLimit) {
    this(ctx, details, every, stallLimit, System::nanoTime);
  }

  /**
   * @param nanoTime the clock the stall limit is measured on (tests give a virtual one)
   */
  KeepAlive(
      ActivityExecutionContext ctx,
      Object details,
      Duration every,
      Duration stallLimit,
      LongSupplier nanoTime) {
    this.ctx = ctx;
    this.details = details;
    this.stallLimit = stallLimit;
    this.nanoTime = nanoTime;
    this.lastProgressNanos = nanoTime.getAsLong();
    this.task =
        TIMER.scheduleWithFixedDelay(
            this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Heartbeats {@code d} now (throwing on cancellation, as a heartbeat does) and repeats it from
   * then on.
   */
  public void progress(Object d) {
    details = d;
    lastProgressNanos = nanoTime.getAsLong();
    ctx.heartbeat(d);
  }

  /**
   * The activity waits for the worker's memory budget ({@link MemoryBudget}): alive, not stalled,
   * so the heartbeats go on.
   */
  public void waiting() {
    lastProgressNanos = nanoTime.getAsLong();
  }

  private void beat() {
    try {
      if (nanoTime.getAsLong() - lastProgressNanos > stallLimit.toNanos()) {
        return;
      }
      ctx.heartbeat(details);
    } catch (ActivityCompletionException e) {
      // Cancelled or timed out: the activity's own next heartbeat throws this to its thread.
      task.cancel(false);
    } catch (RuntimeException e) {
      // A failed send is retried by the next beat.
    } finally {
      ticks.incrementAndGet();
    }
  }

  /**
   * How many times the repeating task has run (whether or not it heartbeat): for tests to wait on.
   */
  int ticks() {
    return ticks.get();
  }

  boolean closed() {
    return task.isCancelled();
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
