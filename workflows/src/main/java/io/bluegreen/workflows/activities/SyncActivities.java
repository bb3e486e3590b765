package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The three-way sync of an upgrade: Blue now, Green now and the baseline (what both held when
 * Green was verified identical). Blue's later changes follow to Green, Green's own changes (its
 * new release's migrations) are kept, and a document both changed is a conflict. The baseline
 * lives on Green's MongoDB server in the worker's state database, never in workflow history:
 * every result here is counts and a capped sample.
 */
@ActivityInterface
public interface SyncActivities {
  /** Records the hash of every document Blue and Green hold byte-identical; once per collection. */
  @ActivityMethod(name = "RecordBaseline")
  BaselineResult recordBaseline(BaselineInput input);

  /** Records the hashes of Blue's own profile and service configs, right after PROVISIONING. */
  @ActivityMethod(name = "RecordConfigBaseline")
  ConfigBaselineResult recordConfigBaseline(ConfigBaselineInput input);

  /** One three-way pass over every collection of the deployment, listed again on Blue. */
  @ActivityMethod(name = "SyncCollections")
  SyncResult syncCollections(SyncInput input);

  /** Removes every baseline of the deployment. */
  @ActivityMethod(name = "DropBaseline")
  DropBaselineResult dropBaseline(DropBaselineInput input);
}
