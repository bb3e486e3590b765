package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.ABORT;
import static io.bluegreen.workflows.Decision.ROLLBACK;

import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;

/**
 * The one classification of a phase that stopped on a failure: an accepted rollback or abort that
 * cancelled the running step, a cancellation from Temporal (abort before the cutover, rollback from
 * it on), or a failure. It says how the deployment ends; the workflow restores Blue and ends it.
 */
final class Interruptions {
  private final DecisionInbox inbox;
  private final DeploymentState state;

  Interruptions(DecisionInbox inbox, DeploymentState state) {
    this.inbox = inbox;
    this.state = state;
  }

  PhaseOutcome classify(TemporalFailure e) {
    if (!FailureMessages.isCancellation(e)) {
      return PhaseOutcome.fail(FailureMessages.root(e));
    }
    if (inbox.has(ROLLBACK) || inbox.has(ABORT)) {
      return byDecision();
    }
    if (!CancellationScope.current().isCancelRequested()) {
      return PhaseOutcome.fail(FailureMessages.root(e));
    }
    boolean beforeCutover = state.phase() != Phase.CUTTING_OVER && state.phase() != Phase.LIVE;
    return PhaseOutcome.end(
        beforeCutover ? Phase.ABORTED : Phase.ROLLED_BACK,
        "cancelled from Temporal "
            + during()
            + (beforeCutover ? " (acts as abort)" : " (acts as rollback)"));
  }

  /** The end an accepted rollback (first) or abort asks for. */
  PhaseOutcome byDecision() {
    if (inbox.has(ROLLBACK)) {
      return PhaseOutcome.end(
          Phase.ROLLED_BACK, "rollback by " + inbox.get(ROLLBACK).by() + " " + during());
    }
    OperatorSignal abort = inbox.get(ABORT);
    return PhaseOutcome.end(
        Phase.ABORTED,
        "aborted by "
            + abort.by()
            + (abort.reason() == null ? "" : " (" + abort.reason() + ")")
            + " "
            + during());
  }

  private String during() {
    return switch (state.phase()) {
      case CUTTING_OVER -> "during the cutover";
      case LIVE -> "while LIVE";
      default -> "before the cutover";
    };
  }
}
