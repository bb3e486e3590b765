package io.bluegreen.activities.sync;

import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.model.ConflictPolicy;
import java.util.Arrays;

/**
 * The decision for one document from three hashes: Blue now, Green now and the baseline (null where
 * the document is absent). Pure, so the rules can be read and tested on their own:
 *
 * <ul>
 *   <li>neither side changed: nothing;
 *   <li>only Blue changed (added, edited or deleted it): carry Blue's version to Green;
 *   <li>only Green changed: Green's own (a migration, say), kept; this covers every Green document
 *       that is not in the baseline and not on Blue, so such a document is never deleted;
 *   <li>both changed the same way: the baseline moves to it;
 *   <li>both changed differently: a conflict, settled by the collection's policy.
 * </ul>
 */
final class ThreeWay {
  enum Action {
    /** Nothing to do. */
    NONE,
    /** Green := Blue (a write, or a delete when Blue has none), then baseline := Blue. */
    CARRY,
    /** Green's own change: keep it, count it. */
    KEEP_GREEN,
    /** Only the baseline moves to Blue's version (or is removed when Blue has none). */
    BASELINE_TO_BLUE,
    /** An unresolved conflict: nothing is written. */
    CONFLICT
  }

  /**
   * @param resolved true when a conflict was settled by blue-wins or green-wins
   */
  record Decision(Action action, String blueChange, String greenChange, boolean resolved) {}

  private static final Decision NONE = new Decision(Action.NONE, null, null, false);
  private static final Decision CARRY = new Decision(Action.CARRY, null, null, false);
  private static final Decision KEEP = new Decision(Action.KEEP_GREEN, null, null, false);
  private static final Decision SAME = new Decision(Action.BASELINE_TO_BLUE, null, null, false);

  private ThreeWay() {}

  static Decision decide(byte[] blue, byte[] green, byte[] baseline, String policy) {
    boolean blueChanged = !Arrays.equals(blue, baseline);
    boolean greenChanged = !Arrays.equals(green, baseline);
    if (!blueChanged && !greenChanged) {
      return NONE;
    }
    if (!greenChanged) {
      return CARRY;
    }
    if (!blueChanged) {
      return KEEP;
    }
    if (Arrays.equals(blue, green)) {
      return SAME;
    }
    String blueChange = change(blue, baseline);
    String greenChange = change(green, baseline);
    return switch (ConflictPolicy.parse(policy).orElse(ConflictPolicy.HALT)) {
      case BLUE_WINS -> new Decision(Action.CARRY, blueChange, greenChange, true);
      case GREEN_WINS -> new Decision(Action.BASELINE_TO_BLUE, blueChange, greenChange, true);
      case HALT -> new Decision(Action.CONFLICT, blueChange, greenChange, false);
    };
  }

  /** What one side did relative to the baseline (called only for a side that changed). */
  static String change(byte[] now, byte[] baseline) {
    if (now == null) {
      return SyncConflict.DELETED;
    }
    return baseline == null ? SyncConflict.INSERTED : SyncConflict.UPDATED;
  }

  /** Null when valid, else what to fix. */
  static String policyProblem(String policy, String where) {
    if (policy == null || ConflictPolicy.allows(policy, true)) {
      return null;
    }
    return "unknown sync policy '"
        + policy
        + "' "
        + where
        + ": use "
        + ConflictPolicy.choices(true);
  }
}
