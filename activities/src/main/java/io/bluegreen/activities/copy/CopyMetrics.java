package io.bluegreen.activities.copy;

/**
 * What the copy engine reports as it works, for the worker's metrics. The engine knows nothing of
 * Micrometer; the worker passes an implementation, tests and tools pass {@link #NONE}. Called from
 * the activity threads, so implementations must be thread-safe and quick.
 */
public interface CopyMetrics {
  CopyMetrics NONE = new CopyMetrics() {};

  /**
   * A batch written to Green. Batches replayed after a retry are counted again (their duplicates
   * are skipped on Green), so over a crash the count can exceed the collection's.
   */
  default void copied(String workflowId, String collection, long documents, long bytes) {}

  /** A copy attempt ended (completed or not): its rate is no longer current. */
  default void copyEnded(String workflowId, String collection) {}

  /** A collection compared: Blue's documents and bytes read and hashed. */
  default void verified(String workflowId, String collection, long documents, long bytes) {}

  /** Documents that differ between Blue and Green, by kind: missing, extra, changed. */
  default void differences(String workflowId, String collection, String kind, long count) {}

  /** Green held a different document under a unique key the copy needed. */
  default void conflict(String workflowId, String collection) {}
}
