package io.bluegreen.activities;

/** Failure types of the sync activities (to move into the workflows' FailureTypes when it lands). */
public final class SyncFailures {
  /** A sync input that cannot work (unknown policy, no deployment key): not retried, nothing written. */
  public static final String BAD_SYNC_INPUT = "BadSyncInput";

  private SyncFailures() {}
}
