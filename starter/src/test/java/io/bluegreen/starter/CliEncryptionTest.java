package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.temporal.common.converter.DataConverterException;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the CLI finds the worker's payload keys, and what it says when it has none or the wrong ones.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CliEncryptionTest {
  @TempDir Path dir;

  private static String key() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private final Map<String, String> env = Map.of("BG_OLD", key(), "BG_NEW", key());

  private Path file(String name, String encryption) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(
        f,
        "{\"mongo\": {\"local\": {\"uri\": \"mongodb://${MONGO_PASSWORD_NOT_NEEDED}@127.0.0.1\"}}"
            + (encryption == null ? "" : ", \"encryption\": " + encryption)
            + "}");
    return f;
  }

  @AfterEach
  void forgetTheOption() {
    CliEncryption.useWorkerConfig(null);
  }

  @Test
  void theExplicitFileWinsOverTheEnvironmentsAndOnlyTheKeyVariablesAreNeeded() throws Exception {
    Path withKeys =
        file(
            "with-keys.json",
            "{\"currentKeyId\": \"new\", \"keys\": {\"old\": \"${BG_OLD}\", \"new\": \"${BG_NEW}\"}}");
    Path plain = file("plain.json", null);
    // The Mongo URI's variable is unset: the CLI reads the encryption section only.
    EncryptionSettings s = CliEncryption.load(withKeys, plain.toString(), env::get).orElseThrow();
    assertEquals("new", s.keys().currentKeyId());
    assertEquals(
        Optional.empty(),
        CliEncryption.load(null, plain.toString(), env::get),
        "no section: plain JSON");
    assertTrue(
        CliEncryption.load(null, withKeys.toString(), env::get).isPresent(),
        "BLUEGREEN_WORKER_CONFIG is used");
  }

  @Test
  void aMissingFileOrVariableIsAUsageErrorNamingIt() throws Exception {
    CliException missing =
        assertThrows(
            CliException.class, () -> CliEncryption.load(dir.resolve("nope.json"), null, env::get));
    assertEquals(2, missing.exitCode());
    assertTrue(
        missing.getMessage().contains("nope.json not found")
            && missing.getMessage().contains("--worker-config"),
        missing.getMessage());

    Path unset =
        file("unset.json", "{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"${BG_UNSET}\"}}");
    CliException noVar =
        assertThrows(CliException.class, () -> CliEncryption.load(unset, null, env::get));
    assertTrue(
        noVar.getMessage().contains("encryption.keys.a uses ${BG_UNSET}"), noVar.getMessage());
  }

  @Test
  void theWorkerConfigOptionIsReadBeforeAnyConnection() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code =
          BluegreenCli.run(
              "--worker-config", dir.resolve("absent.json").toString(), "status", "some-id");
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("absent.json not found"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void dataTheCliCannotDecryptIsSaidAsSuch() {
    var noKeys =
        Temporal.encryptionProblem(
            new DataConverterException(
                "No PayloadConverter is registered for an encoding: binary/encrypted",
                new RuntimeException()));
    assertTrue(
        noKeys
            .orElseThrow()
            .getMessage()
            .contains("--worker-config FILE or BLUEGREEN_WORKER_CONFIG"),
        noKeys.get().getMessage());
    var wrongKey =
        Temporal.encryptionProblem(
            new RuntimeException(
                new PayloadCodecException("a payload is encrypted with key id \"k0\"")));
    assertTrue(
        wrongKey
            .orElseThrow()
            .getMessage()
            .startsWith(
                "cannot decrypt the deployment's data: a payload is encrypted with key id \"k0\""));
    assertEquals(Optional.empty(), Temporal.encryptionProblem(new RuntimeException("UNAVAILABLE")));
  }

  @Test
  void listFindsADeploymentByItsPseudonymUnderEveryKeySoOldOnesSurviveARotation() throws Exception {
    EncryptionSettings before =
        CliEncryption.load(
                file(
                    "before.json",
                    "{\"currentKeyId\": \"old\", \"keys\": {\"old\": \"${BG_OLD}\"}}"),
                null,
                env::get)
            .orElseThrow();
    EncryptionSettings after =
        CliEncryption.load(
                file(
                    "after.json",
                    "{\"currentKeyId\": \"new\", \"keys\": {\"old\": \"${BG_OLD}\", \"new\": \"${BG_NEW}\"}}"),
                null,
                env::get)
            .orElseThrow();
    String indexedBefore = Pseudonyms.current(before.keys(), "release-42");
    List<String> lookup = Pseudonyms.all(after.keys(), "release-42");
    assertTrue(
        lookup.contains(indexedBefore), "a deployment indexed before the rotation is still found");
    assertEquals(Pseudonyms.current(after.keys(), "release-42"), lookup.get(0));
    assertNotEquals(indexedBefore, lookup.get(0));
    assertFalse(lookup.get(0).contains("release"));
    assertEquals(
        "WorkflowType = 'BlueGreenDeployment' AND BlueGreenDeployment IN ('"
            + lookup.get(0)
            + "', '"
            + indexedBefore
            + "')",
        ListQuery.buildAnyOf(null, lookup));
  }
}
