/**
 * The cutover and the watch after it: the platforms' worker switches (through the API, and the
 * profile fields when the request names them), the wait for Blue's running jobs to drain, the
 * traffic key and its webhook, and the HTTP health checks that gate and then watch Green. The entry
 * points are {@link CutoverActivitiesImpl} and {@link HealthActivitiesImpl}.
 */
package io.bluegreen.activities.cutover;
