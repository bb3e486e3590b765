package io.bluegreen.activities.sync;

import io.bluegreen.activities.copy.GreenWrites;

/**
 * What one collection of a verify, sync or baseline activity can hold in the worker's heap at once,
 * from the bounds the code keeps: the worker's sizing counts it for every collection an activity
 * works on at once ({@code parallelCollections}), see {@link
 * io.bluegreen.activities.support.MemoryBudget}. A sync pass holds the most (a verification reads
 * two streams and writes nothing; the baseline reads two and writes chunks), so its figure stands
 * for all three.
 */
public final class SyncMemory {
  private static final long MB = 1024L * 1024;

  /** MongoDB's largest document, and about the largest reply a cursor's batch brings. */
  static final long MAX_DOCUMENT = 16 * MB;

  /** One sorted stream: its read-ahead chunks, and the driver's reply being decoded. */
  static final long STREAM = SortedStream.HELD_BYTES + MAX_DOCUMENT;

  /** Green's queued writes: flushed once past WRITE_BYTES, so at most one document more. */
  static final long PENDING_WRITES = GreenWrites.WRITE_BYTES + MAX_DOCUMENT;

  /** The baseline chunk being read and the one being written, decoded (about 3x their bytes). */
  static final long BASELINE_CHUNKS = 2 * 3 * BaselineChunks.CHUNK_ID_BYTES;

  /**
   * The final pass's held candidates (Blue's versions) and Green's versions of them: flushed once
   * past {@link CollectionSync#HELD_BYTES}, so at most one document more each.
   */
  static final long HELD = 2 * (CollectionSync.HELD_BYTES + MAX_DOCUMENT);

  /** A full pass: Blue, Green and the baseline streams, Green's writes, the baseline chunks. */
  static final long FULL_PASS = 3 * STREAM + PENDING_WRITES + BASELINE_CHUNKS;

  /** A final pass: Blue and the baseline streams, the held candidates, Green's writes. */
  static final long FINAL_PASS = 2 * STREAM + HELD + PENDING_WRITES + BASELINE_CHUNKS;

  /** One collection of a verify, sync or baseline activity, in MB (rounded up). */
  public static final int COLLECTION_MB = (int) ((Math.max(FULL_PASS, FINAL_PASS) + MB - 1) / MB);

  private SyncMemory() {}
}
