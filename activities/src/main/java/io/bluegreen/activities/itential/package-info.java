/**
 * Itential Platform through its HTTP API: the session of an API connection (static token, login or
 * OAuth client credentials, logged in once and renewed when refused), the Workflow Engine's job and
 * task workers (read and switched), and the platform's release with the checks preflight makes of
 * it. The entry points are {@link WorkflowEngineApi#of}, used by the cutover and provisioning to
 * switch workers, and {@link PlatformReleaseCheck}, used by preflight.
 */
package io.bluegreen.activities.itential;
