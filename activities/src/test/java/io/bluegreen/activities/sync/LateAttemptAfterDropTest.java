package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A RecordBaseline or sync attempt the workflow cancelled (abort, rollback) may still run on a
 * worker and reach its commit after the workflow's end-of-run DropBaseline: it must not re-create a
 * baseline nobody will drop (the next deployment's PREFLIGHT would refuse it). Real MongoDB-wire
 * server, real driver.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LateAttemptAfterDropTest extends SyncTestBase {

  @Test
  void aCommitAfterTheEndOfRunDropIsRefusedAndLeavesNothingUnderTheRunsKey() {
    BaselineStore store = new BaselineStore(stateDb(), deployment, green.database());
    // The cancelled attempt started before the run closed...
    BaselineChunks.Writer late = store.writeNext("late");
    for (int i = 0; i < 1500; i++) {
      late.add(new BsonInt32(i), BaselineCompareAndSetTest.hash((byte) 1));
    }
    BaselineChunks.Writer lateEmpty = store.writeNext("workflows");
    // ...the workflow's end-of-run drop...
    sync.dropBaseline(new DropBaselineInput(green, deployment));
    assertTrue(underTheRunsKey().isEmpty());

    // ...then the attempt commits.
    ApplicationFailure refused =
        assertThrows(ApplicationFailure.class, () -> store.commit("late", late));
    assertEquals(BaselineOwner.DROPPED_TYPE, refused.getType());
    assertTrue(refused.isNonRetryable());
    assertThrows(ApplicationFailure.class, () -> store.commit("workflows", lateEmpty));
    assertThrows(ApplicationFailure.class, () -> store.markEmpty("a-view"));
    assertTrue(
        underTheRunsKey().isEmpty(), "what the late attempt wrote is gone: " + underTheRunsKey());
  }

  @Test
  void anAttemptStartingAfterTheDropWritesNothing() {
    sync.dropBaseline(new DropBaselineInput(green, deployment));
    ActivityFailure f =
        assertThrows(
            ActivityFailure.class,
            () -> sync.recordBaseline(new BaselineInput(blue, green, deployment, COPIED, 2)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, f.getCause());
    assertEquals(BaselineOwner.DROPPED_TYPE, cause.getType());
    assertThrows(ActivityFailure.class, this::full);
    assertTrue(underTheRunsKey().isEmpty(), "nothing re-created: " + underTheRunsKey());
  }

  @Test
  void aRunStartedOverUnderTheSameKeyRecordsAgain() {
    // A reset run goes through PREFLIGHT again: its key is its own again.
    sync.dropBaseline(new DropBaselineInput(green, deployment));
    sync.prepareBaseline(new PrepareBaselineInput(green, deployment, COPIED, true, false));
    BaselineResult b = sync.recordBaseline(new BaselineInput(blue, green, deployment, COPIED, 2));
    assertEquals(WORKFLOWS, byName(b).get("workflows").recorded());
    assertFalse(byName(b).get("workflows").alreadyRecorded());
  }

  private MongoDatabase stateDb() {
    return connections.mongo("local").getDatabase(connections.stateDatabase());
  }

  private List<String> underTheRunsKey() {
    String prefix = BaselineStore.key(deployment, green.database()) + "~";
    List<String> out = new ArrayList<>();
    for (String n : stateDb().listCollectionNames()) {
      if (n.startsWith(prefix)) {
        out.add(n);
      }
    }
    return out;
  }
}
