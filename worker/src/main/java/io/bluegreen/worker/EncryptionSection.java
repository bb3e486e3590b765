package io.bluegreen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.EncryptionSettings;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the optional {@code encryption} section of the worker configuration:
 *
 * <pre>"encryption": {"currentKeyId": "2026-11",
 *   "keys": {"2026-05": "${BLUEGREEN_KEY_2026_05}", "2026-11": "${BLUEGREEN_KEY_2026_11}"},
 *   "codecServer": {"bearerToken": "${BLUEGREEN_CODEC_TOKEN}"}}</pre>
 *
 * Keys and the token must be {@code ${NAME}} references: key material never sits in the file. Only
 * this section is read, so the CLI and the codec server need the key variables but not the worker's
 * database passwords. Messages name the field and the variable, never a value.
 */
public final class EncryptionSection {
  public static final String NAME = "encryption";
  private static final Set<String> FIELDS = Set.of("currentKeyId", "keys", "codecServer");
  private static final Set<String> CODEC_SERVER_FIELDS = Set.of("bearerToken");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int KEY_BYTES = 32;

  private EncryptionSection() {}

  /** The section of {@code file}; empty when the file has none (payloads stay plain JSON). */
  public static Optional<EncryptionSettings> fromFile(Path file, Function<String, String> env) {
    JsonNode root = WorkerConfig.readObject(file, "must hold a JSON object");
    return parse(file, root.get(NAME), env);
  }

  /**
   * @param section the {@code encryption} node, or null
   */
  public static Optional<EncryptionSettings> parse(
      Path file, JsonNode section, Function<String, String> env) {
    if (section == null || section.isNull()) {
      return Optional.empty();
    }
    object(file, section, NAME, FIELDS);
    JsonNode keysNode = section.get("keys");
    if (keysNode == null || !keysNode.isObject() || keysNode.isEmpty()) {
      throw new WorkerConfigException(
          file
              + ": encryption.keys must name at least one key, e.g. "
              + "{\"2026-11\": \"${BLUEGREEN_KEY_2026_11}\"} with the variable holding `openssl rand -base64 32`");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = keysNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KEY_ID.matcher(e.getKey()).matches()) {
        throw new WorkerConfigException(
            file
                + ": encryption.keys: key id \""
                + e.getKey()
                + "\" must be 1 to 64 letters, digits, '.', '_' or '-' (it is stored beside every payload)");
      }
      keys.put(e.getKey(), key(file, "encryption.keys." + e.getKey(), e.getValue(), env));
    }
    JsonNode current = section.get("currentKeyId");
    if (current == null || !current.isTextual()) {
      throw new WorkerConfigException(
          file
              + ": encryption.currentKeyId must name the key that encrypts new payloads, one of "
              + new TreeSet<>(keys.keySet()));
    }
    if (!keys.containsKey(current.asText())) {
      throw new WorkerConfigException(
          file
              + ": encryption.currentKeyId \""
              + current.asText()
              + "\" is not one of encryption.keys "
              + new TreeSet<>(keys.keySet()));
    }
    String token = null;
    JsonNode codecServer = section.get("codecServer");
    if (codecServer != null && !codecServer.isNull()) {
      object(file, codecServer, "encryption.codecServer", CODEC_SERVER_FIELDS);
      JsonNode t = codecServer.get("bearerToken");
      if (t != null && !t.isNull()) {
        token = resolve(file, "encryption.codecServer.bearerToken", t, env);
        if (token.isBlank()) {
          throw new WorkerConfigException(
              file + ": encryption.codecServer.bearerToken's variable is empty");
        }
      }
    }
    return Optional.of(new EncryptionSettings(new EncryptionKeys(current.asText(), keys), token));
  }

  private static SecretKey key(
      Path file, String field, JsonNode value, Function<String, String> env) {
    String text = resolve(file, field, value, env);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new WorkerConfigException(
          file
              + ": "
              + field
              + " ("
              + value.asText()
              + ") is not base64; "
              + "generate a key with `openssl rand -base64 32`");
    }
    if (bytes.length != KEY_BYTES) {
      throw new WorkerConfigException(
          file
              + ": "
              + field
              + " ("
              + value.asText()
              + ") decodes to "
              + bytes.length
              + " bytes; AES-256 needs 32 (`openssl rand -base64 32`)");
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /** A value that is exactly one {@code ${NAME}} reference, looked up in the environment. */
  private static String resolve(
      Path file, String field, JsonNode value, Function<String, String> env) {
    Matcher m = value.isTextual() ? REFERENCE.matcher(value.asText()) : null;
    if (m == null || !m.matches()) {
      // Not echoed: someone may have pasted the secret itself here.
      throw new WorkerConfigException(
          file
              + ": "
              + field
              + " must be an environment reference like \"${BLUEGREEN_KEY_2026_11}\"; "
              + "secrets are never written in the file");
    }
    String v = env.apply(m.group(1));
    if (v == null) {
      throw new WorkerConfigException(
          file
              + ": "
              + field
              + " uses ${"
              + m.group(1)
              + "}, but that environment variable is not set");
    }
    return v;
  }

  private static void object(Path file, JsonNode node, String name, Set<String> fields) {
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"" + name + "\" must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new WorkerConfigException(
            file
                + ": unknown field \""
                + name
                + "."
                + f
                + "\" (known: "
                + new TreeSet<>(fields)
                + ")");
      }
    }
  }
}
