package io.bluegreen.activities.sync;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * The baseline's key in the state database: {@code <deployment>~<green database>}, each part with
 * characters outside {@code [A-Za-z0-9_.-]} percent-encoded, so {@code ~} only ever separates. The
 * deployment is the workflow id and its first run's id ({@code <workflow id>@<first run id>}): one
 * baseline per run. Every collection of a baseline starts with its key and {@code ~}, which is how
 * PREFLIGHT finds the baselines other runs left for the same Green database.
 */
final class BaselineKeys {
  private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

  private BaselineKeys() {}

  static String key(String deployment, String greenDatabase) {
    return encode(deployment) + "~" + encode(greenDatabase);
  }

  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (b >= 0 && ALLOWED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The keys, other than {@code mine}, of baselines for {@code greenDatabase} among the state database's collections. */
  static List<String> others(Iterable<String> collectionNames, String mine, String greenDatabase) {
    String green = encode(greenDatabase);
    TreeSet<String> keys = new TreeSet<>();
    for (String name : collectionNames) {
      String[] parts = name.split("~", 3);
      if (parts.length == 3 && parts[1].equals(green) && encoded(parts[0]) && !parts[2].isEmpty()) {
        String key = parts[0] + "~" + parts[1];
        if (!key.equals(mine)) {
          keys.add(key);
        }
      }
    }
    return List.copyOf(keys);
  }

  /** The deployment a key belongs to, decoded: as the operator knows it. */
  static String deployment(String key) {
    // An encoded part holds no '+', so URLDecoder's '+'-as-space never applies.
    return URLDecoder.decode(key.substring(0, key.indexOf('~')), StandardCharsets.UTF_8);
  }

  private static boolean encoded(String part) {
    if (part.isEmpty()) {
      return false;
    }
    for (char c : part.toCharArray()) {
      if (c != '%' && ALLOWED.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
