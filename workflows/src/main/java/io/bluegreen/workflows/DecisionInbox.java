package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.ABORT;
import static io.bluegreen.workflows.Decision.APPROVE_CUTOVER;
import static io.bluegreen.workflows.Decision.CARRY_BACK;
import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.RESYNC;
import static io.bluegreen.workflows.Decision.ROLLBACK;

import io.bluegreen.workflows.DecisionPolicy.CutoverMoment;
import io.bluegreen.workflows.model.ConflictPolicy;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where operator decisions are accepted. Updates and signals of the same name both land here: the
 * decision is checked against the phase and the cutover's moment ({@link DecisionPolicy}), and
 * against decisions already accepted but not yet acted on. Of two contradictory decisions the first
 * wins; the second is rejected and recorded, so nobody believes their abort won when the cutover
 * went ahead. An accepted abort or rollback cancels the work that is running ({@link
 * #interruptible}).
 */
final class DecisionInbox {
  private static final int MAX_TEXT = 1_000;

  private final DeploymentState state;

  /** Accepted and not yet acted on, by decision name, in order of acceptance. */
  private final Map<Decision, OperatorSignal> pending = new LinkedHashMap<>();

  private CutoverMoment moment = CutoverMoment.NONE;

  /** A rollback from LIVE is restoring Blue, or waits for carryBack or finalize (generation 2). */
  private boolean afterLive;

  /** The work an accepted abort or rollback interrupts; null when nothing is interruptible. */
  private CancellationScope interruptible;

  DecisionInbox(DeploymentState state) {
    this.state = state;
  }

  /**
   * Throws for a decision that can never be valid, before anything is recorded (Update validators).
   */
  void validate(Decision decision, OperatorSignal s) {
    if (s == null) {
      return;
    }
    if ((s.by() != null && s.by().length() > MAX_TEXT)
        || (s.reason() != null && s.reason().length() > MAX_TEXT)) {
      throw new IllegalArgumentException(
          "by and reason are limited to " + MAX_TEXT + " characters");
    }
    validateCollections(decision, s);
    if (s.policy() != null || s.policies() != null) {
      if (decision != RESYNC) {
        throw new IllegalArgumentException("policy and policies go with resync only");
      }
      if (s.policy() != null && !ConflictPolicy.allows(s.policy(), false)) {
        throw new IllegalArgumentException(
            "policy '" + s.policy() + "' is not one of " + ConflictPolicy.choices(false));
      }
      if (s.policies() != null) {
        for (Map.Entry<String, String> e : s.policies().entrySet()) {
          if (!ConflictPolicy.allows(e.getValue(), false)) {
            throw new IllegalArgumentException(
                "policies."
                    + e.getKey()
                    + " '"
                    + e.getValue()
                    + "' is not one of "
                    + ConflictPolicy.choices(false));
          }
        }
      }
    }
  }

  /** carryBack names collections of this deployment, and only carryBack names any. */
  private void validateCollections(Decision decision, OperatorSignal s) {
    if (decision != CARRY_BACK) {
      if (s.collections() != null) {
        throw new IllegalArgumentException("collections go with carryBack only");
      }
      return;
    }
    if (s.collections() == null || s.collections().isEmpty()) {
      throw new IllegalArgumentException(
          "carryBack names the collections whose Green changes go back to Blue (collections)");
    }
    for (String c : s.collections()) {
      if (c == null || !state.collectionNames().contains(c)) {
        throw new IllegalArgumentException(
            "carryBack: '" + c + "' is not a collection of this deployment");
      }
    }
  }

  /**
   * Records the decision as accepted or rejected and says so; a rejected one changes nothing else.
   */
  DecisionResult receive(Decision decision, OperatorSignal signal) {
    OperatorSignal s = orAnonymous(signal);
    String rejection = null;
    try {
      // Updates were validated before they got here; a signal has had no validator.
      validate(decision, signal);
    } catch (IllegalArgumentException e) {
      rejection = e.getMessage();
      s = new OperatorSignal(clip(s.by()), clip(s.reason()));
    }
    if (rejection == null && decision == CARRY_BACK && state.generation() < Versions.WINDOW) {
      rejection =
          "carryBack needs a deployment started by workers of generation "
              + Versions.WINDOW
              + " or later; this one runs generation "
              + state.generation();
    }
    if (rejection == null) {
      rejection = DecisionPolicy.rejection(decision, state.phase(), moment, afterLive);
    }
    if (rejection == null) {
      rejection = contradiction(decision);
    }
    state.decision(decision.wire(), s, rejection);
    if (rejection != null) {
      return new DecisionResult(false, state.phase(), rejection);
    }
    pending.put(decision, s);
    if ((decision == ABORT || decision == ROLLBACK) && interruptible != null) {
      interruptible.cancel(decision + " by " + s.by());
    }
    return new DecisionResult(true, state.phase(), accepted(decision, s));
  }

  /** A decision the workflow itself takes (the health watch's rollback), recorded as such. */
  void takenByWorkflow(Decision decision, OperatorSignal s) {
    state.decision(decision.wire(), s, null);
    pending.put(decision, s);
  }

  private String contradiction(Decision decision) {
    for (Map.Entry<Decision, OperatorSignal> e : pending.entrySet()) {
      if (compatible(e.getKey(), decision)) {
        continue;
      }
      String first = e.getKey() + " by " + e.getValue().by();
      return e.getKey().equals(decision)
          ? "already accepted: " + first + " is being acted on"
          : "contradicts " + first + ", which was accepted first and is being acted on";
    }
    return null;
  }

  /**
   * A carryBack is about Green's data, a rollback or finalize about the window: they go together,
   * except a carryBack after a finalize (Green stays live, or the rollback ends without carrying).
   * Only generation 2 ever holds a carryBack.
   */
  private static boolean compatible(Decision first, Decision then) {
    return (first == CARRY_BACK && (then == ROLLBACK || then == FINALIZE))
        || (first == ROLLBACK && then == CARRY_BACK);
  }

  private String accepted(Decision decision, OperatorSignal s) {
    if (decision == CARRY_BACK) {
      return state.phase() == Phase.LIVE
          ? "recorded: Green's changes of "
              + s.collections()
              + " are carried back to Blue right after a rollback restores Blue (nothing is carried while Green stays live)"
          : "carrying Green's changes of "
              + s.collections()
              + " back to Blue; a document Blue also changed is listed, never overwritten";
    }
    if (decision == FINALIZE && state.phase() == Phase.ROLLING_BACK) {
      return "ending the rollback without carrying Green's changes back: ROLLED_BACK";
    }
    return accepted(decision);
  }

  private static String accepted(Decision decision) {
    switch (decision) {
      case APPROVE_CUTOVER:
        return "the cutover starts; follow it with ./bluegreen watch";
      case ABORT:
        return "stopping; Blue keeps serving";
      case ROLLBACK:
        return "restoring Blue first, then turning Green off";
      case RESYNC:
        return "syncing Green with Blue, then waiting for approval again";
      case FINALIZE:
        return "ending the failover window; Green stays live";
      default:
        return null;
    }
  }

  boolean has(Decision decision) {
    return pending.containsKey(decision);
  }

  OperatorSignal get(Decision decision) {
    return pending.get(decision);
  }

  /** The decision, now acted on: it no longer blocks a contradictory one. */
  OperatorSignal take(Decision decision) {
    return pending.remove(decision);
  }

  void moment(CutoverMoment now) {
    moment = now;
  }

  /** From a rollback from LIVE until the deployment ends: carryBack and finalize fit. */
  void afterLiveRollback() {
    afterLive = true;
  }

  /** Runs {@code work} so that an accepted abort or rollback cancels it. */
  void runInterruptible(Runnable work) {
    CancellationScope scope = Workflow.newCancellationScope(work);
    interruptible = scope;
    try {
      scope.run();
    } finally {
      interruptible = null;
    }
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  static OperatorSignal orAnonymous(OperatorSignal s) {
    if (s == null) {
      return new OperatorSignal("unknown", null);
    }
    return s.by() == null || s.by().isBlank()
        ? new OperatorSignal("unknown", s.reason(), s.policy(), s.policies(), s.collections())
        : s;
  }
}
