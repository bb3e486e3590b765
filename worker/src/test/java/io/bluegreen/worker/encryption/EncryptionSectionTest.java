package io.bluegreen.worker.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.EncryptionSection;
import io.bluegreen.worker.WorkerConfig;
import io.bluegreen.worker.WorkerConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EncryptionSectionTest {
  @TempDir Path dir;

  private final String k1 = TestKeys.base64(32);
  private final String k2 = TestKeys.base64(32);
  private final Map<String, String> env =
      Map.of(
          "BG_KEY_1",
          k1,
          "BG_KEY_2",
          k2,
          "BG_SHORT",
          TestKeys.base64(16),
          "BG_TOKEN",
          "codec-token-123",
          "BG_NOT_BASE64",
          "not*base64!");

  private Path config(String encryption) throws Exception {
    Path file = dir.resolve("worker.json");
    Files.writeString(
        file,
        "{\"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1:27017\"}},"
            + " \"redis\": {\"local\": {\"uri\": \"redis://127.0.0.1:6379\"}}"
            + (encryption == null ? "" : ", \"encryption\": " + encryption)
            + "}");
    return file;
  }

  private WorkerConfigException refused(String encryption) throws Exception {
    Path file = config(encryption);
    return assertThrows(
        WorkerConfigException.class, () -> EncryptionSection.fromFile(file, env::get));
  }

  @Test
  void readsTheKeysTheCurrentIdAndTheTokenFromTheEnvironment() throws Exception {
    Path file =
        config(
            "{\"currentKeyId\": \"2026-11\", \"keys\": {\"2026-05\": \"${BG_KEY_1}\", \"2026-11\": \"${BG_KEY_2}\"},"
                + " \"codecServer\": {\"bearerToken\": \"${BG_TOKEN}\"}}");
    EncryptionSettings s = EncryptionSection.fromFile(file, env::get).orElseThrow();
    assertEquals("2026-11", s.keys().currentKeyId());
    assertEquals(TestKeys.key(k2), s.keys().current());
    assertEquals(TestKeys.key(k1), s.keys().keys().get("2026-05"));
    assertEquals("codec-token-123", s.codecServerToken());
    assertFalse(
        s.toString().contains(k1) || s.toString().contains("codec-token-123"), s.toString());
    // The full worker configuration accepts the section too.
    assertEquals(
        Map.of("local", "mongodb://127.0.0.1:27017"), WorkerConfig.load(file, env::get).mongo());
  }

  @Test
  void withoutTheSectionNothingIsEncrypted() throws Exception {
    assertEquals(Optional.empty(), EncryptionSection.fromFile(config(null), env::get));
  }

  @Test
  void aMissingVariableNamesTheFieldAndTheVariable() throws Exception {
    String m =
        refused("{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"${BG_KEY_UNSET}\"}}").getMessage();
    assertTrue(
        m.contains(
            "encryption.keys.a uses ${BG_KEY_UNSET}, but that environment variable is not set"),
        m);
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedWithoutPrintingIt() throws Exception {
    String m =
        refused("{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"${BG_SHORT}\"}}").getMessage();
    assertTrue(
        m.contains("encryption.keys.a (${BG_SHORT}) decodes to 16 bytes; AES-256 needs 32"), m);
    assertFalse(m.contains(env.get("BG_SHORT")), m);
  }

  @Test
  void aKeyThatIsNotBase64IsRefused() throws Exception {
    String m =
        refused("{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"${BG_NOT_BASE64}\"}}").getMessage();
    assertTrue(m.contains("encryption.keys.a (${BG_NOT_BASE64}) is not base64"), m);
    assertFalse(m.contains("not*base64!"), m);
  }

  @Test
  void anUnknownCurrentKeyIdListsTheKnownOnes() throws Exception {
    String m =
        refused(
                "{\"currentKeyId\": \"2027-01\", \"keys\": {\"2026-05\": \"${BG_KEY_1}\", \"2026-11\": \"${BG_KEY_2}\"}}")
            .getMessage();
    assertTrue(
        m.contains(
            "encryption.currentKeyId \"2027-01\" is not one of encryption.keys [2026-05, 2026-11]"),
        m);
  }

  @Test
  void aKeyWrittenIntoTheFileIsRefusedAndNotEchoed() throws Exception {
    String m = refused("{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"" + k1 + "\"}}").getMessage();
    assertTrue(m.contains("encryption.keys.a must be an environment reference"), m);
    assertFalse(m.contains(k1), m);
  }

  @Test
  void unknownFieldsAndEmptyKeysAreRefused() throws Exception {
    assertTrue(
        refused(
                "{\"currentKeyId\": \"a\", \"keys\": {\"a\": \"${BG_KEY_1}\"}, \"cipher\": \"des\"}")
            .getMessage()
            .contains("unknown field \"encryption.cipher\""));
    assertTrue(
        refused("{\"currentKeyId\": \"a\", \"keys\": {}}")
            .getMessage()
            .contains("encryption.keys must name at least one key"));
    assertTrue(
        refused("{\"keys\": {\"a\": \"${BG_KEY_1}\"}}")
            .getMessage()
            .contains("encryption.currentKeyId must name the key"));
  }
}
