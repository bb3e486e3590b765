package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The only writes Blue ever sees (its two switches), Green's switches, and the traffic key. */
@ActivityInterface
public interface CutoverActivities {
  /** Sets one switch in a platform's {@code iap_profiles} document. Idempotent. */
  @ActivityMethod(name = "SetSwitch")
  SwitchResult setSwitch(SwitchInput input);

  /** Waits, heartbeating the count, until Blue has no running jobs or the timeout passes. */
  @ActivityMethod(name = "WaitForDrain")
  DrainResult waitForDrain(DrainInput input);

  /** Sets the traffic key to a colour, with the deployment and time beside it. Idempotent. */
  @ActivityMethod(name = "PointTraffic")
  TrafficResult pointTraffic(TrafficInput input);
}
