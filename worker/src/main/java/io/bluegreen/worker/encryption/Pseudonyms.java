package io.bluegreen.worker.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed stand-ins for names that Temporal must index in the clear (a search attribute, a workflow
 * ID): the same name gives the same pseudonym under the same key, so equality lookups still work,
 * but without the key the name cannot be read back or guessed from a list of likely names.
 */
public final class Pseudonyms {
  /** Keeps pseudonyms apart from any other use of the payload keys. */
  private static final byte[] LABEL = "bluegreen pseudonym v1".getBytes(StandardCharsets.UTF_8);

  private Pseudonyms() {}

  /** Under the current key: what new deployments are indexed with. */
  public static String current(EncryptionKeys keys, String name) {
    return of(keys.current(), name);
  }

  /** Under every key, current first: what a lookup must match, old deployments included. */
  public static List<String> all(EncryptionKeys keys, String name) {
    List<String> out = new ArrayList<>();
    out.add(current(keys, name));
    keys.keys()
        .forEach(
            (id, key) -> {
              String p = of(key, name);
              if (!out.contains(p)) {
                out.add(p);
              }
            });
    return out;
  }

  static String of(SecretKey key, String name) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(key);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(derive.doFinal(LABEL), "HmacSHA256"));
      byte[] h = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
      return "p-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }
}
