/**
 * The read-only gate before a deployment writes anything: the request's own fields, that Green is
 * separate from Blue by what the servers say they are, the platforms' releases and workers, Blue's
 * profile and switch paths, the preview of Green's configuration, and the plan of the collections
 * to copy with their sizes. A package of its own, at the top: it asks every other feature (copy,
 * itential, provisioning), so inside any of them it would make that feature depend on all the
 * others. The entry point is {@link PreflightActivitiesImpl}.
 */
package io.bluegreen.activities.preflight;
