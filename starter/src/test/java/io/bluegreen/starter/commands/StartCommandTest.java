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

  @Test
  void withEncryptionTheDefaultIdAndTheLabelAttributeArePseudonyms() {
    byte[] k = new byte[32];
    new java.security.SecureRandom().nextBytes(k);
    var keys = new io.bluegreen.worker.encryption.EncryptionKeys("k", java.util.Map.of("k", new javax.crypto.spec.SecretKeySpec(k, "AES")));
    var encryption = java.util.Optional.of(new io.bluegreen.worker.encryption.EncryptionSettings(keys, null));
    DeploymentRequest named = new DeploymentRequest("release-42", new PlatformSpec("l", "itential", "l", 0, "blue"),
        new PlatformSpec("l", "g", "l", 1, "green"), null, null, null, null, null, null);

    String id = StartCommand.defaultId(named, encryption);
    assertFalse(id.contains("itential"), id);
    assertEquals(id, StartCommand.defaultId(named, encryption), "the same Blue gets the same ID, so a second run is refused");
    assertEquals("bluegreen-itential", StartCommand.defaultId(named, java.util.Optional.empty()));
    String label = StartCommand.searchAttributes(named, id, encryption).get(SearchAttributes.DEPLOYMENT);
    assertEquals(io.bluegreen.worker.encryption.Pseudonyms.current(keys, "release-42"), label);
    assertFalse(label.contains("release"), label);
  }
}
