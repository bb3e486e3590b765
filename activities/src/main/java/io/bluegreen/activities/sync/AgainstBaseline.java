package io.bluegreen.activities.sync;

import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * One side's documents (Blue or Green) walked against the baseline in {@code _id} order, one step
 * per {@code _id} either holds: the loop the final pass, a collection Green dropped and a
 * collection Blue dropped share.
 */
final class AgainstBaseline {
  private AgainstBaseline() {}

  /**
   * One {@code _id}: the side's document and its hash, and the baseline's hash (each null: none).
   */
  interface Step {
    /** Returns false to stop the walk. */
    boolean visit(BsonValue id, RawBsonDocument doc, byte[] docHash, byte[] baseHash);
  }

  /** Walks to the end or until a step returns false; returns true when it reached the end. */
  static boolean walk(SortedStream side, BaselineChunks.Reader baseline, Step step) {
    while (true) {
      BsonValue id = SortedStream.min(side.peekId(), baseline.peekId());
      if (id == null) {
        return true;
      }
      RawBsonDocument doc = side.takeIf(id);
      byte[] baseHash = baseline.takeIf(id);
      if (!step.visit(id, doc, doc == null ? null : BaselineEntry.hash(doc), baseHash)) {
        return false;
      }
    }
  }
}
