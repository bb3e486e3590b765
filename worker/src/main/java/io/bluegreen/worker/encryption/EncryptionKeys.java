package io.bluegreen.worker.encryption;

import java.util.Map;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * The AES-256 keys payloads are encrypted with: {@code currentKeyId} encrypts every new payload,
 * every key (old ones included) decrypts the payloads that name it. Keeping a retired key here is
 * what lets a deployment started before a rotation still be read after it.
 */
public record EncryptionKeys(String currentKeyId, Map<String, SecretKey> keys) {
  public EncryptionKeys {
    keys = Map.copyOf(keys);
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "current key id \"" + currentKeyId + "\" is not one of the keys " + ids(keys));
    }
  }

  public SecretKey current() {
    return keys.get(currentKeyId);
  }

  /** The key ids, sorted, for messages: ids are names, never key material. */
  public String keyIds() {
    return ids(keys);
  }

  private static String ids(Map<String, SecretKey> keys) {
    return new TreeSet<>(keys.keySet()).toString();
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "EncryptionKeys[current=" + currentKeyId + ", keys=" + keyIds() + "]";
  }
}
