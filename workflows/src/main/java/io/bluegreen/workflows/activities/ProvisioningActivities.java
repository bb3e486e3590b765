package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes Green's own platform documents. */
@ActivityInterface
public interface ProvisioningActivities {
  /**
   * Writes Green's {@code iap_profiles} document (Blue's, with Green's id and Redis db and both
   * switches off) and copies Blue's {@code service_configs}. Upserts, so a retry is harmless.
   */
  @ActivityMethod(name = "ProvisionGreen")
  ProvisionResult provisionGreen(ProvisionInput input);
}
