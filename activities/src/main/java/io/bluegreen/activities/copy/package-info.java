/**
 * The copy engine: one Blue collection onto Green in {@code _id} order (Blue is only read),
 * resumable from its heartbeated checkpoint and replay-safe; the comparison that verifies a copy;
 * the resync that repairs one; and what they share: MongoDB's BSON order and simple collation, the
 * kind, options and indexes of a collection, which collections a deployment copies, the read-ahead
 * and throttle, and Green's refusals. The entry point is {@link CollectionCopyActivitiesImpl}
 * (copy, verify, resync); the three-way sync and preflight build on the same readers and planners.
 */
package io.bluegreen.activities.copy;
