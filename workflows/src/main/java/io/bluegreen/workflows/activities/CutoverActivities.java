package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The only writes Blue ever sees (its two switches), Green's switches, and the traffic key. */
@ActivityInterface
public interface CutoverActivities {
  /**
   * Sets one switch: a field of the platform's {@code iap_profiles} document or, when the platform
   * names an {@code api} connection, the worker through Itential's Workflow Engine API, confirmed
   * by reading the workers' status. Idempotent.
   */
  @ActivityMethod(name = "SetSwitch")
  SwitchResult setSwitch(SwitchInput input);

  /**
   * Reads one switch without changing it: {@code previous} and {@code on} are its state now ({@code
   * previous} null when the platform does not say). A cutover reads it before moving it, so that a
   * restore puts it back as it was.
   */
  @ActivityMethod(name = "ReadSwitch")
  SwitchResult readSwitch(SwitchInput input);

  /**
   * Cancels Blue's jobs that are neither complete nor canceled through its Itential API ({@code
   * POST /operations-manager/jobs/cancel}, at most 100 ids a call). Idempotent: a retry finds only
   * what is still unfinished.
   */
  @ActivityMethod(name = "CancelBlueJobs")
  CancelJobsResult cancelBlueJobs(CancelJobsInput input);

  /** Waits, heartbeating the count, until Blue has no running jobs or the timeout passes. */
  @ActivityMethod(name = "WaitForDrain")
  DrainResult waitForDrain(DrainInput input);

  /** Sets the traffic key to a colour, with the deployment and time beside it. Idempotent. */
  @ActivityMethod(name = "PointTraffic")
  TrafficResult pointTraffic(TrafficInput input);

  /**
   * Calls the traffic webhook with the colour. The body and an {@code Idempotency-Key} header are
   * the same on every retry, so the receiver can tell a retry from a new change.
   */
  @ActivityMethod(name = "NotifyTraffic")
  WebhookResult notifyTraffic(WebhookInput input);
}
