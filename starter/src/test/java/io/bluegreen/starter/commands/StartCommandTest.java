package io.bluegreen.starter.commands;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StartCommandTest {
  @Test
  void initialSearchAttributesNameTheDeploymentAndPreflight() {
    DeploymentRequest unnamed = new DeploymentRequest(null, new PlatformSpec("l", "itential", "l", 0, "blue"),
        new PlatformSpec("l", "g", "l", 1, "green"), null, null, null, null, null, null);
    var attrs = StartCommand.searchAttributes(unnamed, "bluegreen-itential");
    assertEquals("bluegreen-itential", attrs.get(SearchAttributes.DEPLOYMENT));
    assertEquals("PREFLIGHT", attrs.get(SearchAttributes.PHASE));
  }

  @Test
  void onlyAnUnknownSearchAttributeTriggersTheFallback() {
    assertTrue(StartCommand.rejectsSearchAttributes(new RuntimeException(Status.INVALID_ARGUMENT
        .withDescription("search attribute BlueGreenPhase is not defined").asRuntimeException())));
    assertFalse(StartCommand.rejectsSearchAttributes(
        Status.INVALID_ARGUMENT.withDescription("WorkflowId is not set").asRuntimeException()));
    assertFalse(StartCommand.rejectsSearchAttributes(
        Status.UNAVAILABLE.withDescription("search attribute service down").asRuntimeException()));
  }
}
