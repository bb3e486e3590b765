/**
 * What every activity shares and no feature owns: {@link ActivityBoundary}, the edge through which
 * every activity runs (failures leave without credentials), {@link KeepAlive}, the heartbeat of
 * long copies, comparisons and syncs, and {@link DottedPath}, the profile fields that preflight
 * checks, provisioning overrides and the cutover switches.
 */
package io.bluegreen.activities.support;
