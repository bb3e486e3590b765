/**
 * Three-way sync: the baseline of what Blue and Green held when the copy was verified (hashes in
 * the state database on Green's server), then passes that carry Blue's later changes onto Green
 * while keeping Green's own, deciding each document from Blue, Green and the baseline by the
 * request's conflict policy; and the hashes of Blue's configuration, whose changes are reported.
 * The entry point is {@link SyncActivitiesImpl}. It reads and writes with the copy engine's tools,
 * in majority read and write concern.
 *
 * <p>Where to look: where a baseline generation is written, committed or dropped (compare-and-set
 * on {@code ~meta}): {@link BaselineStore}; who owns a key, other runs' baselines: {@link
 * BaselineOwner}; PREFLIGHT's part: {@link BaselinePreparation}; recording the baseline: {@link
 * BaselineRecorder}; one sync pass over all collections: {@link ThreeWayPass}; one collection's
 * pass: {@link CollectionSync} (its queued Green writes: {@link PendingGreenWrites}); the
 * per-document rule: {@link ThreeWay}; collections dropped on one side: {@link
 * BlueDroppedCollection}, {@link GreenDroppedCollection}.
 */
package io.bluegreen.activities.sync;
