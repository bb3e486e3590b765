package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.ABORT;
import static io.bluegreen.workflows.Decision.APPROVE_CUTOVER;
import static io.bluegreen.workflows.Decision.CARRY_BACK;
import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.RESYNC;
import static io.bluegreen.workflows.Decision.ROLLBACK;
import static io.bluegreen.workflows.model.Phase.AWAITING_APPROVAL;
import static io.bluegreen.workflows.model.Phase.COPYING;
import static io.bluegreen.workflows.model.Phase.CUTTING_OVER;
import static io.bluegreen.workflows.model.Phase.LIVE;
import static io.bluegreen.workflows.model.Phase.PREFLIGHT;
import static io.bluegreen.workflows.model.Phase.PROVISIONING;
import static io.bluegreen.workflows.model.Phase.ROLLING_BACK;
import static io.bluegreen.workflows.model.Phase.VERIFYING;

import io.bluegreen.workflows.model.Phase;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which operator decision fits which moment. A decision that does not fit changes nothing; the note
 * returned here is recorded as the reason it was rejected, so it says what would fit instead.
 *
 * <p>Every moment after approval can be escaped: during the cutover, abort is accepted until Green
 * is switched on (the health gate, the sync and the drain), and rollback from the moment a Blue
 * switch has changed.
 *
 * <p>After a rollback from LIVE (generation 2), the deployment stays in ROLLING_BACK once Blue
 * serves again, while Green's changes are listed and, when it found any, until the operator
 * decides: carryBack (Green's changes of the named collections to Blue, any number of times) or
 * finalize (end ROLLED_BACK without carrying back). carryBack is also accepted in LIVE: recorded,
 * and applied right after a rollback restores Blue (nothing is carried when Green stays live).
 */
public final class DecisionPolicy {
  private static final Set<Phase> BEFORE_CUTOVER =
      EnumSet.of(PREFLIGHT, PROVISIONING, COPYING, VERIFYING, AWAITING_APPROVAL);

  /** Where a cutover is, as far as decisions are concerned. */
  public record CutoverMoment(boolean abortable, boolean blueTouched, boolean drainDecision) {
    public static final CutoverMoment NONE = new CutoverMoment(false, false, false);
  }

  private DecisionPolicy() {}

  /** Null when {@code decision} is accepted in {@code phase}, else why it is rejected. */
  public static String rejection(Decision decision, Phase phase) {
    return rejection(decision, phase, CutoverMoment.NONE);
  }

  /**
   * As {@link #rejection(String, Phase)}, where {@code moment} says what the cutover allows now.
   */
  public static String rejection(Decision decision, Phase phase, CutoverMoment moment) {
    return rejection(decision, phase, moment, false);
  }

  /**
   * As above; {@code afterLive}: a rollback from LIVE is restoring Blue or, Blue serving, waits for
   * carryBack or finalize (ROLLING_BACK).
   */
  public static String rejection(
      Decision decision, Phase phase, CutoverMoment moment, boolean afterLive) {
    boolean reviewing = phase == ROLLING_BACK && afterLive;
    if (phase.isTerminal()) {
      return "the deployment has ended (" + phase + ")";
    }
    switch (decision) {
      case APPROVE_CUTOVER:
        if (phase == AWAITING_APPROVAL || (phase == CUTTING_OVER && moment.drainDecision())) {
          return null;
        }
        return "approveCutover is accepted only in AWAITING_APPROVAL (or to force a cutover after a drain timeout); the deployment is in "
            + phase;
      case RESYNC:
        return phase == AWAITING_APPROVAL
            ? null
            : "resync is accepted only in AWAITING_APPROVAL; the deployment is in " + phase;
      case ABORT:
        if (BEFORE_CUTOVER.contains(phase) || (phase == CUTTING_OVER && moment.abortable())) {
          return null;
        }
        if (phase == LIVE) {
          return "abort is not possible after cutover: Green is live; send rollback to return to Blue";
        }
        return phase == CUTTING_OVER
            ? "abort is not possible once Green is being switched on; send rollback to return to Blue"
            : "abort is not possible in " + phase;
      case ROLLBACK:
        if (phase == LIVE || (phase == CUTTING_OVER && moment.blueTouched())) {
          return null;
        }
        return "rollback is accepted in LIVE, or in CUTTING_OVER once a Blue switch has changed; the deployment is in "
            + phase
            + (BEFORE_CUTOVER.contains(phase) || phase == CUTTING_OVER
                ? ": Blue is still live, send abort to stop"
                : "");
      case FINALIZE:
        return phase == LIVE || reviewing
            ? null
            : "finalize is accepted only in LIVE (after cutover), or after a rollback from LIVE to end it without carrying Green's changes back; the deployment is in "
                + phase;
      case CARRY_BACK:
        if (phase == LIVE || reviewing) {
          return null;
        }
        return "carryBack is accepted in LIVE (applied right after a rollback restores Blue), or after a rollback from LIVE until the deployment ends; the deployment is in "
            + phase
            + (phase == ROLLING_BACK
                ? ", but Green was never live: it has no changes of users"
                : "");
      default:
        throw new IllegalArgumentException("unknown decision " + decision);
    }
  }
}
