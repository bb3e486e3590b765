package io.bluegreen.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.grpc.Status;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StartCommandTest {
  @Test
  void initialSearchAttributesNameTheDeploymentAndPreflight() {
    DeploymentRequest unnamed =
        new DeploymentRequest(
            null,
            new PlatformSpec("l", "itential", "l", 0, "blue"),
            new PlatformSpec("l", "g", "l", 1, "green"),
            null,
            null,
            null,
            null,
            null,
            null);
    var attrs = StartCommand.searchAttributes(unnamed, "bluegreen-itential");
    assertEquals("bluegreen-itential", attrs.get(SearchAttributes.DEPLOYMENT));
    assertEquals("PREFLIGHT", attrs.get(SearchAttributes.PHASE));
  }

  @Test
  void onlyAnUnknownSearchAttributeTriggersTheFallback() {
    assertTrue(
        StartCommand.rejectsSearchAttributes(
            new RuntimeException(
                Status.INVALID_ARGUMENT
                    .withDescription("search attribute BlueGreenPhase is not defined")
                    .asRuntimeException())));
    assertFalse(
        StartCommand.rejectsSearchAttributes(
            Status.INVALID_ARGUMENT.withDescription("WorkflowId is not set").asRuntimeException()));
    assertFalse(
        StartCommand.rejectsSearchAttributes(
            Status.UNAVAILABLE
                .withDescription("search attribute service down")
                .asRuntimeException()));
  }

  @Test
  void withEncryptionTheDefaultIdAndTheLabelAttributeArePseudonyms() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    var keys = new EncryptionKeys("k", Map.of("k", new SecretKeySpec(k, "AES")));
    var encryption = Optional.of(new EncryptionSettings(keys, null));
    DeploymentRequest named =
        new DeploymentRequest(
            "release-42",
            new PlatformSpec("l", "itential", "l", 0, "blue"),
            new PlatformSpec("l", "g", "l", 1, "green"),
            null,
            null,
            null,
            null,
            null,
            null);

    String id = StartCommand.defaultId(named, encryption);
    assertFalse(id.contains("itential"), id);
    assertEquals(
        id,
        StartCommand.defaultId(named, encryption),
        "the same Blue gets the same ID, so a second run is refused");
    assertEquals("bluegreen-itential", StartCommand.defaultId(named, Optional.empty()));
    String label =
        StartCommand.searchAttributes(named, id, encryption).get(SearchAttributes.DEPLOYMENT);
    assertEquals(Pseudonyms.current(keys, "release-42"), label);
    assertFalse(label.contains("release"), label);
  }
}
