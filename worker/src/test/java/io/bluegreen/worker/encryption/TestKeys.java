package io.bluegreen.worker.encryption;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Random keys for tests, as the base64 text an operator puts in the environment. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static String base64(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  static SecretKey key(String base64) {
    return new SecretKeySpec(Base64.getDecoder().decode(base64), "AES");
  }

  static EncryptionKeys keys(String current, Map<String, String> base64ById) {
    Map<String, SecretKey> keys = new HashMap<>();
    base64ById.forEach((id, b) -> keys.put(id, key(b)));
    return new EncryptionKeys(current, keys);
  }
}
