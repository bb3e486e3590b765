package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the three-way sync settles a conflict (a document both Blue and Green changed, differently):
 * {@code halt} leaves both untouched and lists it (the cutover stops with Blue serving), {@code
 * blue-wins} writes Blue's version to Green, {@code green-wins} keeps Green's and moves the
 * baseline to Blue's so it is not raised again. The one place these words are written.
 */
public enum ConflictPolicy {
  HALT("halt"),
  BLUE_WINS("blue-wins"),
  GREEN_WINS("green-wins");

  private final String wire;

  ConflictPolicy(String wire) {
    this.wire = wire;
  }

  /** As written in requests, decisions and activity inputs. */
  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ConflictPolicy of(String wire) {
    return parse(wire)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "conflict policy '" + wire + "' is not one of " + choices(true)));
  }

  /** The policy written {@code wire}, or empty for anything else. */
  public static Optional<ConflictPolicy> parse(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
  }

  /**
   * Whether {@code wire} names a policy a decision may choose ({@code halt} only when {@code
   * haltAllowed}).
   */
  public static boolean allows(String wire, boolean haltAllowed) {
    return parse(wire).filter(p -> haltAllowed || p != HALT).isPresent();
  }

  /**
   * The words to list in a message: {@code halt, blue-wins or green-wins}, or {@code blue-wins or
   * green-wins}.
   */
  public static String choices(boolean haltAllowed) {
    List<String> words =
        Arrays.stream(values())
            .filter(p -> haltAllowed || p != HALT)
            .map(ConflictPolicy::wire)
            .toList();
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }

  @Override
  public String toString() {
    return wire;
  }
}
