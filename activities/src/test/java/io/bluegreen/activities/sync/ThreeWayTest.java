package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.sync.ThreeWay.Action;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The decision table of three-way sync and the durability detection, on their own. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreeWayTest {
  static final byte[] BASE = {1};
  static final byte[] B2 = {2};
  static final byte[] G3 = {3};

  static Action act(byte[] blue, byte[] green, byte[] base, String policy) {
    return ThreeWay.decide(blue, green, base, policy).action();
  }

  @Test
  void onlyBluesChangesAreCarriedAndOnlyGreensAreKept() {
    assertEquals(Action.NONE, act(BASE, BASE, BASE, SyncPolicy.HALT));
    assertEquals(Action.CARRY, act(B2, BASE, BASE, SyncPolicy.HALT), "Blue edited");
    assertEquals(
        Action.CARRY,
        act(null, BASE, BASE, SyncPolicy.HALT),
        "Blue deleted an unchanged Green copy");
    assertEquals(Action.CARRY, act(B2, null, null, SyncPolicy.HALT), "Blue inserted");
    assertEquals(Action.KEEP_GREEN, act(BASE, G3, BASE, SyncPolicy.BLUE_WINS), "Green migrated it");
    assertEquals(
        Action.KEEP_GREEN, act(BASE, null, BASE, SyncPolicy.BLUE_WINS), "Green deleted it");
    assertEquals(
        Action.BASELINE_TO_BLUE, act(B2, B2, BASE, SyncPolicy.HALT), "both made the same change");
    assertEquals(
        Action.BASELINE_TO_BLUE, act(null, null, BASE, SyncPolicy.HALT), "both deleted it");
  }

  @Test
  void aGreenDocumentOutsideTheBaselineIsNeverCarriedOver() {
    for (String policy : List.of(SyncPolicy.HALT, SyncPolicy.BLUE_WINS, SyncPolicy.GREEN_WINS)) {
      assertEquals(Action.KEEP_GREEN, act(null, G3, null, policy), policy);
    }
  }

  @Test
  void bothChangedDifferentlyIsAConflictSettledByThePolicy() {
    ThreeWay.Decision halt = ThreeWay.decide(B2, G3, BASE, SyncPolicy.HALT);
    assertEquals(Action.CONFLICT, halt.action());
    assertEquals("updated", halt.blueChange());
    assertEquals("updated", halt.greenChange());
    assertFalse(halt.resolved());
    ThreeWay.Decision deleted = ThreeWay.decide(null, G3, BASE, SyncPolicy.HALT);
    assertEquals("deleted", deleted.blueChange());
    ThreeWay.Decision inserted = ThreeWay.decide(B2, G3, null, SyncPolicy.HALT);
    assertEquals("inserted", inserted.blueChange());
    assertEquals("inserted", inserted.greenChange());
    ThreeWay.Decision blueWins = ThreeWay.decide(B2, null, BASE, SyncPolicy.BLUE_WINS);
    assertEquals(Action.CARRY, blueWins.action());
    assertEquals("deleted", blueWins.greenChange());
    assertTrue(blueWins.resolved());
    ThreeWay.Decision greenWins = ThreeWay.decide(B2, G3, BASE, SyncPolicy.GREEN_WINS);
    assertEquals(Action.BASELINE_TO_BLUE, greenWins.action());
    assertTrue(greenWins.resolved());
  }

  @Test
  void policiesAreCheckedByName() {
    assertNull(ThreeWay.policyProblem("green-wins", "x"));
    assertEquals(
        "unknown sync policy 'greenwins' (the default): use halt, blue-wins or green-wins",
        ThreeWay.policyProblem("greenwins", "(the default)"));
  }

  @Test
  void majorityReadsOnlyWhereThereIsAMajority() {
    assertTrue(
        Durability.supportsMajorityReads(
            new Document("setName", "rs0").append("isWritablePrimary", true)));
    assertTrue(Durability.supportsMajorityReads(new Document("msg", "isdbgrid")));
    assertFalse(
        Durability.supportsMajorityReads(new Document("ismaster", true)),
        "standalone (and the emulator)");
  }
}
