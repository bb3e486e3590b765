package io.bluegreen.activities.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The baseline's key in the state database: {@code bg-<run>~<green>}, where {@code <run>} is a
 * digest of the deployment (the workflow id and its first run's id, {@code <workflow id>@<first run
 * id>}: one baseline per run) with Green's database, and {@code <green>} a digest of Green's
 * database alone. Digests, not the names themselves: a namespace is limited (120 bytes on MongoDB
 * before 4.4, 128 on the emulator), and workflow ids, run ids and database names are long. Every
 * collection of a baseline starts with its key and {@code ~}, which is how PREFLIGHT finds the
 * baselines other runs left for the same Green database; who left one is in its {@code meta}
 * collection's {@code owner} document (see {@link BaselineOwner#describe}).
 */
final class BaselineKeys {
  private static final String PREFIX = "bg-";
  private static final int RUN_HEX = 16;
  private static final int GREEN_HEX = 12;

  private BaselineKeys() {}

  static String key(String deployment, String greenDatabase) {
    return PREFIX
        + digest(deployment + "\n" + greenDatabase, RUN_HEX)
        + "~"
        + digest(greenDatabase, GREEN_HEX);
  }

  /**
   * The keys, other than {@code mine}, of baselines for {@code greenDatabase} among the state
   * database's collections.
   */
  static List<String> others(Iterable<String> collectionNames, String mine, String greenDatabase) {
    String green = digest(greenDatabase, GREEN_HEX);
    TreeSet<String> keys = new TreeSet<>();
    for (String name : collectionNames) {
      String[] parts = name.split("~", 3);
      if (parts.length == 3
          && parts[1].equals(green)
          && parts[0].startsWith(PREFIX)
          && parts[0].length() == PREFIX.length() + RUN_HEX
          && !parts[2].isEmpty()) {
        String key = parts[0] + "~" + parts[1];
        if (!key.equals(mine)) {
          keys.add(key);
        }
      }
    }
    return List.copyOf(keys);
  }

  private static String digest(String value, int hexChars) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
