package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The three-way sync of an upgrade: Blue now, Green now and the baseline (what both held when Green
 * was verified identical). Blue's later changes follow to Green, Green's own changes (its new
 * release's migrations) are kept, and a document both changed is a conflict. The baseline lives on
 * Green's MongoDB server in the worker's state database, never in workflow history: every result
 * here is counts and a capped sample.
 */
@ActivityInterface
public interface SyncActivities {
  /**
   * At PREFLIGHT, before Green is written: refuses (or, when the request says so, drops) the
   * baselines other runs left for Green's database, and records the {@code _id}s Green already
   * holds when it need not be empty.
   */
  @ActivityMethod(name = "PrepareBaseline")
  PrepareBaselineResult prepareBaseline(PrepareBaselineInput input);

  /**
   * Records the hash of every Green document bluegreen wrote (the copy's and the repairs'): all of
   * Green's documents but those it held before the copy; once per collection.
   */
  @ActivityMethod(name = "RecordBaseline")
  BaselineResult recordBaseline(BaselineInput input);

  /** Records the hashes of Blue's own profile and service configs, right after PROVISIONING. */
  @ActivityMethod(name = "RecordConfigBaseline")
  ConfigBaselineResult recordConfigBaseline(ConfigBaselineInput input);

  /** One three-way pass over every collection of the deployment, listed again on Blue. */
  @ActivityMethod(name = "SyncCollections")
  SyncResult syncCollections(SyncInput input);

  /**
   * While LIVE: Blue's documents changed since the final pass, carried to Green by the three-way
   * rules (or only reported); Green's own changes and their baseline entries are left as they are.
   */
  @ActivityMethod(name = "CatchUpBlue")
  LiveChangesResult catchUpBlue(LiveChangesInput input);

  /** Removes every baseline of the deployment. */
  @ActivityMethod(name = "DropBaseline")
  DropBaselineResult dropBaseline(DropBaselineInput input);
}
