package io.bluegreen.workflows;

import static io.bluegreen.workflows.model.Colour.BLUE;
import static io.bluegreen.workflows.model.Colour.GREEN;
import static io.bluegreen.workflows.model.WorkerSwitch.START_JOBS;
import static io.bluegreen.workflows.model.WorkerSwitch.TASK_WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.UndoLog.Undo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a restore undoes, read from the log the cutover's moves wrote before they were made. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class UndoLogTest {
  private final UndoLog log = new UndoLog();

  private void moved(Undo undo) {
    log.before(undo);
    log.landed();
  }

  @Test
  void aFullCutoverIsUndoneBlueFirstLatestMoveFirstThenGreen() {
    moved(Undo.switchBack(BLUE, START_JOBS, true));
    moved(Undo.switchBack(GREEN, START_JOBS, false));
    moved(Undo.switchBack(GREEN, TASK_WORKER, false));
    moved(Undo.switchBack(BLUE, TASK_WORKER, true));
    moved(Undo.traffic());
    moved(Undo.webhook());

    assertEquals(List.of(TASK_WORKER, START_JOBS), log.blueSwitches());
    assertEquals(List.of(TASK_WORKER, START_JOBS), log.greenSwitches());
    assertTrue(log.trafficMoved());
    assertNull(log.switchInFlight(), "every move returned");
  }

  @Test
  void aMoveInterruptedInFlightIsInTheLogAndNamedAsInFlight() {
    moved(Undo.switchBack(BLUE, START_JOBS, true));
    log.before(Undo.switchBack(GREEN, START_JOBS, false)); // interrupted: never landed

    assertEquals(
        List.of(START_JOBS), log.greenSwitches(), "the in-flight Green switch is turned off too");
    assertEquals(GREEN, log.switchInFlight());
    assertFalse(log.trafficMoved());
  }

  @Test
  void anInterruptedTrafficMoveIsNamedAsInFlightSoTheRestoreReassertsBlue() {
    moved(Undo.switchBack(BLUE, START_JOBS, true));
    assertFalse(log.trafficInFlight());
    log.before(Undo.traffic()); // interrupted: the key may still turn green after the restore
    assertTrue(log.trafficMoved());
    assertTrue(log.trafficInFlight());
    assertNull(log.switchInFlight(), "a traffic move is not a switch");
    log.landed();
    log.before(Undo.webhook());
    assertTrue(log.trafficInFlight(), "the webhook to Green too");
    log.landed();
    assertFalse(log.trafficInFlight());
  }

  @Test
  void nothingMovedMeansBlueWasNeverTouched() {
    assertTrue(log.isEmpty());
    moved(Undo.switchBack(BLUE, START_JOBS, true));
    assertFalse(log.isEmpty());
    log.clear();
    assertTrue(log.isEmpty());
    assertEquals(List.of(), log.blueSwitches());
  }

  @Test
  void blueSwitchesGoBackToTheStateTheirFirstMoveRecorded() {
    moved(Undo.switchBack(BLUE, START_JOBS, false)); // it was off before the cutover
    moved(Undo.switchBack(BLUE, TASK_WORKER, true));
    moved(Undo.switchBack(BLUE, START_JOBS, true)); // a later move does not change what it was

    assertEquals(
        List.of(START_JOBS, TASK_WORKER), List.copyOf(log.blueSwitchesAsTheyWere().keySet()));
    assertFalse(log.blueSwitchesAsTheyWere().get(START_JOBS), "off before, so off again");
    assertTrue(log.blueSwitchesAsTheyWere().get(TASK_WORKER));
  }
}
