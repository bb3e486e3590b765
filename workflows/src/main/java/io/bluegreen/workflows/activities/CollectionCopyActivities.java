package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Copies one collection from Blue to Green, compares them, and repairs differences. */
@ActivityInterface
public interface CollectionCopyActivities {
  /**
   * Creates Blue's indexes on Green and copies the documents in {@code _id} order in batches,
   * heartbeating a {@link CopyCheckpoint} after each batch; a retry resumes after the checkpoint.
   */
  @ActivityMethod(name = "CopyCollection")
  CopyResult copyCollection(CopyInput input);

  /**
   * Prepares a large collection for a copy in parallel {@code _id} ranges: creates Green's
   * collection with Blue's options and indexes, and reads the split points from Blue's {@code _id}
   * index. Each range is then copied by {@link #copyCollection} with its {@link IdRange}.
   */
  @ActivityMethod(name = "SplitCollection")
  RangeSplit splitCollection(RangeSplitInput input);

  /** Compares Blue and Green document by document (by {@code _id}, on canonical BSON). */
  @ActivityMethod(name = "VerifyCollection")
  VerifyResult verifyCollection(VerifyInput input);

  /**
   * Compares several collections, {@code parallel} at a time, in one activity, heartbeating the
   * documents compared so far.
   */
  @ActivityMethod(name = "VerifyCollections")
  VerifyCollectionsResult verifyCollections(VerifyCollectionsInput input);

  /** Applies only the differences from Blue to Green: inserts, replaces, deletes. */
  @ActivityMethod(name = "ResyncCollection")
  ResyncResult resyncCollection(ResyncInput input);
}
