package io.bluegreen.activities.connections;

/** Checks the name of the state database ({@code state.database} in the worker configuration). */
public final class StateDatabase {
  private static final String INVALID_CHARS = "/\\. \"$*<>:|?";

  private StateDatabase() {}

  /** What is wrong with the name, or null when it is a valid MongoDB database name. */
  public static String problem(String name) {
    if (name == null || name.isBlank()) {
      return "state.database is empty: name a MongoDB database for bluegreen's baselines (default bluegreen_state)";
    }
    if (name.length() > 63) {
      return "state.database '" + name + "' is longer than MongoDB's 63 characters";
    }
    for (char c : name.toCharArray()) {
      if (INVALID_CHARS.indexOf(c) >= 0 || c == 0) {
        return "state.database '"
            + name
            + "' contains '"
            + c
            + "', which MongoDB does not allow in a database name";
      }
    }
    return null;
  }
}
