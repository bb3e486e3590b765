package io.bluegreen.activities.sync;

import io.bluegreen.activities.copy.BsonOrder;
import org.bson.BsonValue;

/**
 * The {@code _id}s Green held before the copy (recorded at PREFLIGHT when Green need not be empty),
 * walked in {@code _id} order beside a merge: they are not in the baseline, yet not Green's changes
 * after the cutover either.
 */
final class GreenOwnIds implements AutoCloseable {
  private final SortedStream own;

  GreenOwnIds(BaselineStore store, String collection) {
    this.own = new SortedStream(store.greenOwn(collection), 1000, "green-own-" + collection);
  }

  /** Whether {@code id} is one of Green's own; ids must be asked in ascending order. */
  boolean contains(BsonValue id) {
    while (own.peekId() != null && BsonOrder.INSTANCE.compare(own.peekId(), id) < 0) {
      own.next();
    }
    return own.takeIf(id) != null;
  }

  @Override
  public void close() {
    own.close();
  }
}
