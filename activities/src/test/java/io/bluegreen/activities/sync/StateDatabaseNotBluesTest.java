package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blue is only read: a worker whose state database is Blue's records no baseline there. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StateDatabaseNotBluesTest extends ActivityTestBase {
  @Test
  void aBaselineIsRefusedWhenTheStateDatabaseIsBlues() {
    PlatformSpec bluesIsState =
        new PlatformSpec("local", connections.stateDatabase(), "local", 0, "blue");
    SyncActivities sync = stub(SyncActivities.class, new SyncActivitiesImpl(connections));

    ApplicationFailure f =
        failure(
            () ->
                sync.recordBaseline(
                    new BaselineInput(bluesIsState, green, "bluegreen-x", List.of("forms"), 1)));

    assertFailure(f, FailureTypes.INVALID_INPUT, true);
    assertTrue(
        f.getOriginalMessage().contains("set state.database in the worker configuration"),
        f.getOriginalMessage());
  }
}
