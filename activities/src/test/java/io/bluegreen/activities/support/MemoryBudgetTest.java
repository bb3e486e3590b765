package io.bluegreen.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's memory budget: what does not fit waits, kept alive, until a share is released. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MemoryBudgetTest {
  @AfterEach
  void unlimited() {
    MemoryBudget.unlimited();
  }

  @Test
  void aCollectionThatDoesNotFitWaitsForAShareAndStaysAlive() throws Exception {
    MemoryBudget.limitTo(MemoryBudget.COLLECTION_MB + MemoryBudget.COPY_MB);
    MemoryBudget.Share first = MemoryBudget.take(MemoryBudget.COLLECTION_MB, () -> {});
    // A copy still fits beside it; a second collection does not.
    MemoryBudget.take(MemoryBudget.COPY_MB, () -> {}).close();
    AtomicInteger waits = new AtomicInteger();
    CountDownLatch waited = new CountDownLatch(1);
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(
            () -> {
              try (MemoryBudget.Share s =
                  MemoryBudget.take(
                      MemoryBudget.COLLECTION_MB,
                      () -> {
                        waits.incrementAndGet();
                        waited.countDown();
                      })) {
                return "ran";
              }
            });
    assertTrue(waited.await(30, TimeUnit.SECONDS), "the second collection waits, kept alive");
    assertFalse(second.isDone());
    first.close();
    assertEquals("ran", second.get(30, TimeUnit.SECONDS));
    assertTrue(waits.get() >= 1);
  }

  @Test
  void withoutABudgetNothingWaits() {
    AtomicInteger waits = new AtomicInteger();
    MemoryBudget.take(Integer.MAX_VALUE, waits::incrementAndGet).close();
    assertEquals(0, waits.get());
  }
}
