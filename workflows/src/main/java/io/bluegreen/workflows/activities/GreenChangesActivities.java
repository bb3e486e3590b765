package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Green's changes since the baseline, and the operator's carry-back of them to Blue. The baseline
 * (see {@link SyncActivities}) holds every document as the final pass left it, so Green against the
 * baseline is what was done on Green after the cutover; results are counts and capped {@code _id}
 * lists, never documents.
 */
@ActivityInterface
public interface GreenChangesActivities {
  /**
   * Green against Green at the cutover (the final pass's record, else the baseline): each document
   * created, changed or deleted on Green since. Reads only.
   */
  @ActivityMethod(name = "DiffGreen")
  GreenDiffResult diffGreen(GreenDiffInput input);

  /**
   * Green's changes of the named collections written to Blue by the three-way rules toward Blue:
   * only-Green changes are applied, a document Blue also changed since the baseline is a conflict,
   * listed and never overwritten. The only write to Blue beyond its switches.
   */
  @ActivityMethod(name = "CarryBack")
  CarryBackResult carryBack(CarryBackInput input);
}
