package io.bluegreen.starter.commands;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.starter.CliException;
import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One running deployment per Blue survives a key rotation: the default ID is a pseudonym under the
 * current key, so after a rotation (or after switching encryption on) a second start of the same
 * Blue gets another ID, and only the look under every key refuses it. No worker runs: a started
 * deployment simply stays running on Temporal's in-process test server.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StartAfterKeyRotationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DeploymentRequest request =
      new DeploymentRequest(
          "release-42",
          new PlatformSpec("l", "itential", "l", 0, "blue"),
          new PlatformSpec("l", "itential_green", "l", 1, "green"),
          null,
          null,
          null,
          null,
          null,
          null);
  private final SecretKeySpec may = key();
  private final SecretKeySpec november = key();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  private static SecretKeySpec key() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return new SecretKeySpec(k, "AES");
  }

  private Optional<EncryptionSettings> current(String keyId) {
    return Optional.of(
        new EncryptionSettings(
            new EncryptionKeys(keyId, Map.of("2026-05", may, "2026-11", november)), null));
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(
        SearchAttributes.PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(
        SearchAttributes.DEPLOYMENT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aDeploymentStartedUnderTheOldKeyRefusesASecondAfterTheRotation() {
    String before = StartCommand.defaultId(request, current("2026-05"));
    StartCommand.start(client, request, before, current("2026-05"));

    String after = StartCommand.defaultId(request, current("2026-11"));
    assertNotEquals(before, after, "the default ID follows the current key");
    CliException refused =
        assertThrows(
            CliException.class,
            () -> StartCommand.start(client, request, after, current("2026-11")));
    assertTrue(refused.getMessage().contains("already running: " + before), refused.getMessage());
  }

  @Test
  void aDeploymentStartedBeforeEncryptionRefusesOneStartedWithIt() {
    StartCommand.start(
        client, request, StartCommand.defaultId(request, Optional.empty()), Optional.empty());

    CliException refused =
        assertThrows(
            CliException.class,
            () ->
                StartCommand.start(
                    client,
                    request,
                    StartCommand.defaultId(request, current("2026-11")),
                    current("2026-11")));
    assertTrue(
        refused.getMessage().contains("already running: bluegreen-itential"), refused.getMessage());
  }

  @Test
  void anotherBlueStartsUnderTheNewKey() {
    StartCommand.start(
        client, request, StartCommand.defaultId(request, current("2026-05")), current("2026-05"));
    DeploymentRequest other =
        new DeploymentRequest(
            "release-43",
            new PlatformSpec("l", "other_blue", "l", 0, "blue"),
            new PlatformSpec("l", "other_green", "l", 1, "green"),
            null,
            null,
            null,
            null,
            null,
            null);

    StartCommand.start(
        client, other, StartCommand.defaultId(other, current("2026-11")), current("2026-11"));
  }
}
