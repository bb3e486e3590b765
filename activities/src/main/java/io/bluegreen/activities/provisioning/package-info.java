/**
 * Green's own configuration: its profile and service configs written from Blue's with Green's
 * overrides, and Green's workers stopped through its API so that Green starts no job before the
 * cutover. A package of its own because it is neither the copy (these documents are never copied as
 * they are) nor the cutover (it runs before any data moves). The entry point is {@link
 * ProvisioningActivitiesImpl}; preflight previews the same documents through {@link
 * GreenConfigurationCheck}.
 */
package io.bluegreen.activities.provisioning;
