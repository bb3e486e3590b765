package io.bluegreen.devstack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which MongoDB-wire server the local stack runs on its MongoDB port. */
public enum MongoBackend {
  /** mongo-java-server: in a JVM of its own, every document in memory (H2 MVStore file). */
  EMULATOR("emulator"),
  /** FerretDB 1.24.2 with its SQLite backend: disk-backed, SCRAM authentication, TLS listener. */
  FERRETDB("ferretdb");

  private final String label;

  MongoBackend(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The backend named {@code text}, or an error naming the choices. */
  public static MongoBackend parse(String text) {
    for (MongoBackend b : values()) {
      if (b.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return b;
      }
    }
    throw new DevStackException(
        "unknown MongoDB backend '"
            + text
            + "': use one of "
            + Arrays.stream(values()).map(MongoBackend::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
