package io.bluegreen.workflows;

import static io.bluegreen.workflows.Decision.ABORT;
import static io.bluegreen.workflows.Decision.APPROVE_CUTOVER;
import static io.bluegreen.workflows.Decision.CARRY_BACK;
import static io.bluegreen.workflows.Decision.FINALIZE;
import static io.bluegreen.workflows.Decision.RESYNC;
import static io.bluegreen.workflows.Decision.ROLLBACK;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.DecisionPolicy.CutoverMoment;
import io.bluegreen.workflows.model.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which decision fits which moment, as a table: decision × phase × cutover moment → accepted, or
 * the words of the rejection the operator reads (which say what would fit instead).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DecisionPolicyTest {
  static final CutoverMoment NONE = CutoverMoment.NONE;

  /** The health gate and the full sync: nothing switched yet. */
  static final CutoverMoment BEFORE_SWITCH = new CutoverMoment(true, false, false);

  /** Blue's startJobs is off: the drain and the final sync. */
  static final CutoverMoment BLUE_OFF = new CutoverMoment(true, true, false);

  /** The drain timed out and the operator is asked. */
  static final CutoverMoment DRAIN_DECISION = new CutoverMoment(true, true, true);

  /** Green is being switched on. */
  static final CutoverMoment GREEN_ON = new CutoverMoment(false, true, false);

  /**
   * cutover.overlapDrain: Green is on and takes jobs while Blue's running jobs finish (the same
   * moment as Green being switched on: rollback, not abort, and no drain decision to force).
   */
  static final CutoverMoment OVERLAP_DRAIN = GREEN_ON;

  static final String ACCEPTED = null;

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (Phase before :
        List.of(Phase.PREFLIGHT, Phase.PROVISIONING, Phase.COPYING, Phase.VERIFYING)) {
      rows.add(Arguments.of(ABORT, before, NONE, ACCEPTED));
      rows.add(
          Arguments.of(
              APPROVE_CUTOVER,
              before,
              NONE,
              "approveCutover is accepted only in AWAITING_APPROVAL"));
      rows.add(Arguments.of(RESYNC, before, NONE, "resync is accepted only in AWAITING_APPROVAL"));
      rows.add(Arguments.of(ROLLBACK, before, NONE, "Blue is still live, send abort to stop"));
      rows.add(Arguments.of(FINALIZE, before, NONE, "finalize is accepted only in LIVE"));
    }
    rows.add(Arguments.of(APPROVE_CUTOVER, Phase.AWAITING_APPROVAL, NONE, ACCEPTED));
    rows.add(Arguments.of(RESYNC, Phase.AWAITING_APPROVAL, NONE, ACCEPTED));
    rows.add(Arguments.of(ABORT, Phase.AWAITING_APPROVAL, NONE, ACCEPTED));
    rows.add(Arguments.of(ROLLBACK, Phase.AWAITING_APPROVAL, NONE, "send abort to stop"));
    rows.add(
        Arguments.of(FINALIZE, Phase.AWAITING_APPROVAL, NONE, "finalize is accepted only in LIVE"));

    rows.add(Arguments.of(ROLLBACK, Phase.CUTTING_OVER, OVERLAP_DRAIN, ACCEPTED));
    rows.add(
        Arguments.of(
            ABORT,
            Phase.CUTTING_OVER,
            OVERLAP_DRAIN,
            "abort is not possible once Green is being switched on; send rollback"));
    rows.add(
        Arguments.of(
            APPROVE_CUTOVER,
            Phase.CUTTING_OVER,
            OVERLAP_DRAIN,
            "or to force a cutover after a drain timeout"));
    rows.add(Arguments.of(ABORT, Phase.CUTTING_OVER, BEFORE_SWITCH, ACCEPTED));
    rows.add(Arguments.of(ROLLBACK, Phase.CUTTING_OVER, BEFORE_SWITCH, "send abort to stop"));
    rows.add(
        Arguments.of(
            APPROVE_CUTOVER,
            Phase.CUTTING_OVER,
            BEFORE_SWITCH,
            "or to force a cutover after a drain timeout"));
    rows.add(
        Arguments.of(
            RESYNC,
            Phase.CUTTING_OVER,
            BEFORE_SWITCH,
            "resync is accepted only in AWAITING_APPROVAL"));
    rows.add(Arguments.of(ABORT, Phase.CUTTING_OVER, BLUE_OFF, ACCEPTED));
    rows.add(Arguments.of(ROLLBACK, Phase.CUTTING_OVER, BLUE_OFF, ACCEPTED));
    rows.add(
        Arguments.of(
            APPROVE_CUTOVER,
            Phase.CUTTING_OVER,
            BLUE_OFF,
            "approveCutover is accepted only in AWAITING_APPROVAL"));
    rows.add(Arguments.of(APPROVE_CUTOVER, Phase.CUTTING_OVER, DRAIN_DECISION, ACCEPTED));
    rows.add(Arguments.of(ABORT, Phase.CUTTING_OVER, DRAIN_DECISION, ACCEPTED));
    rows.add(Arguments.of(ROLLBACK, Phase.CUTTING_OVER, DRAIN_DECISION, ACCEPTED));
    rows.add(
        Arguments.of(
            ABORT,
            Phase.CUTTING_OVER,
            GREEN_ON,
            "abort is not possible once Green is being switched on; send rollback"));
    rows.add(Arguments.of(ROLLBACK, Phase.CUTTING_OVER, GREEN_ON, ACCEPTED));
    rows.add(
        Arguments.of(FINALIZE, Phase.CUTTING_OVER, GREEN_ON, "finalize is accepted only in LIVE"));
    rows.add(
        Arguments.of(
            ABORT,
            Phase.CUTTING_OVER,
            NONE,
            "abort is not possible once Green is being switched on"));
    rows.add(
        Arguments.of(
            ROLLBACK,
            Phase.CUTTING_OVER,
            NONE,
            "rollback is accepted in LIVE, or in CUTTING_OVER once a Blue switch has changed"));

    rows.add(Arguments.of(ROLLBACK, Phase.LIVE, NONE, ACCEPTED));
    rows.add(Arguments.of(FINALIZE, Phase.LIVE, NONE, ACCEPTED));
    rows.add(
        Arguments.of(
            ABORT,
            Phase.LIVE,
            NONE,
            "abort is not possible after cutover: Green is live; send rollback"));
    rows.add(Arguments.of(APPROVE_CUTOVER, Phase.LIVE, NONE, "the deployment is in LIVE"));
    rows.add(Arguments.of(RESYNC, Phase.LIVE, NONE, "the deployment is in LIVE"));

    rows.add(Arguments.of(CARRY_BACK, Phase.LIVE, NONE, ACCEPTED));
    for (Phase before :
        List.of(
            Phase.PREFLIGHT,
            Phase.PROVISIONING,
            Phase.COPYING,
            Phase.VERIFYING,
            Phase.AWAITING_APPROVAL)) {
      rows.add(Arguments.of(CARRY_BACK, before, NONE, "carryBack is accepted in LIVE"));
    }
    for (CutoverMoment m : List.of(BEFORE_SWITCH, BLUE_OFF, DRAIN_DECISION, GREEN_ON, NONE)) {
      rows.add(
          Arguments.of(CARRY_BACK, Phase.CUTTING_OVER, m, "the deployment is in CUTTING_OVER"));
    }
    // A rollback that was not from LIVE (a failed or halted cutover): Green never served.
    rows.add(Arguments.of(CARRY_BACK, Phase.ROLLING_BACK, NONE, "Green was never live"));
    rows.add(
        Arguments.of(
            FINALIZE, Phase.ROLLING_BACK, NONE, "or after a rollback from LIVE to end it"));
    rows.add(
        Arguments.of(ABORT, Phase.ROLLING_BACK, NONE, "abort is not possible in ROLLING_BACK"));
    rows.add(Arguments.of(ROLLBACK, Phase.ROLLING_BACK, NONE, "the deployment is in ROLLING_BACK"));
    for (Phase end : List.of(Phase.COMPLETED, Phase.ROLLED_BACK, Phase.ABORTED, Phase.FAILED)) {
      for (Decision decision : Decision.values()) {
        rows.add(Arguments.of(decision, end, NONE, "the deployment has ended (" + end + ")"));
      }
    }
    return rows.stream();
  }

  /**
   * After a rollback from LIVE (generation 2): Blue is being restored, or serves and the deployment
   * waits in ROLLING_BACK for carryBack or finalize.
   */
  static Stream<Arguments> afterLiveRollback() {
    List<Arguments> rows = new ArrayList<>();
    rows.add(Arguments.of(CARRY_BACK, Phase.ROLLING_BACK, ACCEPTED));
    rows.add(Arguments.of(FINALIZE, Phase.ROLLING_BACK, ACCEPTED));
    rows.add(Arguments.of(ROLLBACK, Phase.ROLLING_BACK, "the deployment is in ROLLING_BACK"));
    rows.add(Arguments.of(ABORT, Phase.ROLLING_BACK, "abort is not possible in ROLLING_BACK"));
    rows.add(
        Arguments.of(APPROVE_CUTOVER, Phase.ROLLING_BACK, "the deployment is in ROLLING_BACK"));
    rows.add(Arguments.of(RESYNC, Phase.ROLLING_BACK, "the deployment is in ROLLING_BACK"));
    for (Decision decision : Decision.values()) {
      rows.add(Arguments.of(decision, Phase.ROLLED_BACK, "the deployment has ended (ROLLED_BACK)"));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} in {1} after a rollback from LIVE")
  @MethodSource("afterLiveRollback")
  void afterARollbackFromLiveCarryBackAndFinalizeFit(
      Decision decision, Phase phase, String expected) {
    String rejection = DecisionPolicy.rejection(decision, phase, NONE, true);
    if (expected == null) {
      assertNull(rejection, decision + " in " + phase + " should be accepted");
    } else {
      assertNotNull(rejection, decision + " in " + phase + " should be rejected");
      assertTrue(rejection.contains(expected), "'" + rejection + "' should say '" + expected + "'");
    }
  }

  @ParameterizedTest(name = "{0} in {1} at {2}")
  @MethodSource("table")
  void decisionFitsItsMomentOrSaysWhy(
      Decision decision, Phase phase, CutoverMoment moment, String expected) {
    String rejection = DecisionPolicy.rejection(decision, phase, moment);
    if (expected == null) {
      assertNull(rejection, decision + " in " + phase + " should be accepted");
    } else {
      assertNotNull(rejection, decision + " in " + phase + " should be rejected");
      assertTrue(rejection.contains(expected), "'" + rejection + "' should say '" + expected + "'");
    }
  }
}
