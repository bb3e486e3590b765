package io.bluegreen.activities.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Hides credentials in what Green's configuration report shows (preflight's differences and
 * findings, hence plan, status, events, history and audit): Blue's profile and service configs hold
 * adapter passwords, tokens and connection URLs, and the report must say that such a value differs
 * without showing it.
 *
 * <p>A field is a credential when, split into words at camelCase, {@code _}, {@code -} and digits,
 * one of its words is {@code password}, {@code passwd}, {@code passphrase}, {@code secret(s)} or
 * {@code credential(s)}, or its last word is {@code key}, {@code token}, {@code pass}, {@code pwd},
 * {@code auth} or {@code authorization} ({@code apiKey}, {@code private_key}, {@code accessToken},
 * {@code db_pass}, {@code basicAuth}). A field that only starts with key or token ({@code
 * keyPrefix}, {@code tokenTtl}, {@code keys}) is not: those name settings about keys, not keys.
 * Everything under a credential field is hidden. Any string anywhere that holds a URL with user
 * info ({@code scheme://user:pass@host}) keeps its scheme and host but not its user info.
 */
final class SecretMask {
  /** What a hidden value shows instead. */
  static final String HIDDEN = "***";

  private static final Set<String> ANY_WORD =
      Set.of(
          "password",
          "passwords",
          "passwd",
          "passphrase",
          "secret",
          "secrets",
          "credential",
          "credentials");
  private static final Set<String> LAST_WORD =
      Set.of("key", "token", "pass", "pwd", "auth", "authorization");
  private static final Pattern WORD_BREAK =
      Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z]+");

  /** A URL's user info: after {@code scheme://}, up to the last {@code @} before the host's end. */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s\"'@]*(?:@[^/?#\\s\"'@]*)*@");

  private SecretMask() {}

  /** Whether the field named {@code key} holds a credential. */
  static boolean isCredentialField(String key) {
    List<String> words = new ArrayList<>();
    for (String w : WORD_BREAK.split(key)) {
      if (!w.isEmpty()) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      return false;
    }
    for (String w : words) {
      if (ANY_WORD.contains(w)) {
        return true;
      }
    }
    return LAST_WORD.contains(words.get(words.size() - 1));
  }

  /** Whether a dotted path has a credential field in it (then everything at the path is hidden). */
  static boolean isCredentialPath(String dottedPath) {
    for (String segment : dottedPath.split("\\.")) {
      if (isCredentialField(segment)) {
        return true;
      }
    }
    return false;
  }

  /** The text with every URL's user info replaced by {@value #HIDDEN}. */
  static String maskUrls(String text) {
    return URL_USER_INFO.matcher(text).replaceAll("$1" + HIDDEN + "@");
  }

  /**
   * A copy of the value safe to show: credential fields' values replaced by {@value #HIDDEN} at any
   * depth, and URLs' user info masked in every string.
   */
  static Object mask(Object value) {
    if (value instanceof String s) {
      return maskUrls(s);
    }
    if (value instanceof Map<?, ?> m) {
      Document out = new Document();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(key, isCredentialField(key) ? HIDDEN : mask(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(mask(o));
      }
      return out;
    }
    return value;
  }
}
