package io.bluegreen.workflows;

import io.bluegreen.workflows.model.Phase;

/**
 * What a phase of the deployment says happens next. Phases return it; only the workflow turns it
 * into a terminal phase (after restoring Blue when the undo log holds anything).
 *
 * @param next what follows
 * @param end the terminal phase, for {@link Next#END}
 * @param note why: the end's note, the halt's reason, or the failure's cause
 */
record PhaseOutcome(Next next, Phase end, String note) {
  enum Next {
    /** On to the next phase. */
    CONTINUE,
    /** The cutover stopped short: Blue serves again (after a restore), back to approval. */
    HALT,
    /** The deployment ends in {@link #end}. */
    END,
    /** The deployment fails. */
    FAIL
  }

  static PhaseOutcome proceed() {
    return new PhaseOutcome(Next.CONTINUE, null, null);
  }

  static PhaseOutcome halt(String why) {
    return new PhaseOutcome(Next.HALT, null, why);
  }

  static PhaseOutcome end(Phase phase, String why) {
    return new PhaseOutcome(Next.END, phase, why);
  }

  static PhaseOutcome fail(String cause) {
    return new PhaseOutcome(Next.FAIL, Phase.FAILED, cause);
  }
}
