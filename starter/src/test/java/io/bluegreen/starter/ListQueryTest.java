package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ListQueryTest {
  @Test
  void allDeploymentsByDefault() {
    assertEquals("WorkflowType = 'BlueGreenDeployment'", ListQuery.build(null, null));
  }

  @Test
  void filtersOnTheSearchAttributesWithThePhaseNormalised() {
    assertEquals(
        "WorkflowType = 'BlueGreenDeployment' AND BlueGreenPhase = 'AWAITING_APPROVAL'"
            + " AND BlueGreenDeployment = 'iap-6'",
        ListQuery.build("awaiting_approval", "iap-6"));
  }

  @Test
  void quotesAreEscapedSoANameCannotChangeTheQuery() {
    assertEquals(
        "WorkflowType = 'BlueGreenDeployment' AND BlueGreenDeployment = 'o\\' OR 1=1'",
        ListQuery.build(null, "o' OR 1=1"));
  }

  @Test
  void anUnknownPhaseIsAUsageErrorListingThePhases() {
    CliException e = assertThrows(CliException.class, () -> ListQuery.build("done", null));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("AWAITING_APPROVAL"), e.getMessage());
  }
}
