package io.bluegreen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The {@code worker} section of the worker configuration, as written: how many activities and
 * workflow tasks this process runs at once, the name it shows in Temporal, and how long SIGTERM
 * waits for running activities. A null field was not written and gets its default from {@link
 * WorkerSizing}, which also checks the numbers against the JVM's heap.
 *
 * <pre>{"worker": {"identity": "bluegreen@host-1", "maxConcurrentActivities": 6,
 *             "maxConcurrentCutoverActivities": 10, "maxConcurrentWorkflowTasks": 10,
 *             "shutdownGrace": "PT30S"}}</pre>
 */
public record WorkerSettings(
    String identity,
    Integer maxConcurrentActivities,
    Integer maxConcurrentCutoverActivities,
    Integer maxConcurrentWorkflowTasks,
    Duration shutdownGrace) {
  /** Nothing written: every value derived. */
  public static final WorkerSettings DEFAULTS = new WorkerSettings(null, null, null, null, null);

  static final int MAX_IDENTITY_LENGTH = 200;

  /**
   * Longer than any supervisor waits (systemd's default stop timeout is 90 s, Kubernetes' 30 s).
   */
  static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);

  /** An upper bound that catches a typo (2000 for 20); the heap check bounds it further. */
  static final int MAX_SLOTS = 1000;

  private static final Set<String> FIELDS =
      Set.of(
          "identity",
          "maxConcurrentActivities",
          "maxConcurrentCutoverActivities",
          "maxConcurrentWorkflowTasks",
          "shutdownGrace");

  /** The section of {@code root}; absent: {@link #DEFAULTS}. */
  static WorkerSettings section(Path file, JsonNode root) {
    JsonNode node = root.get("worker");
    if (node == null || node.isNull()) {
      return DEFAULTS;
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(
          file + ": \"worker\" must be an object, e.g. {\"maxConcurrentActivities\": 4}");
    }
    node = PolicySections.object(file, root, "worker", FIELDS);
    return new WorkerSettings(
        identity(file, node.get("identity")),
        slots(file, node, "maxConcurrentActivities"),
        slots(file, node, "maxConcurrentCutoverActivities"),
        slots(file, node, "maxConcurrentWorkflowTasks"),
        grace(file, node.get("shutdownGrace")));
  }

  private static String identity(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String value = node.isTextual() ? node.asText() : "";
    if (value.isBlank()
        || value.length() > MAX_IDENTITY_LENGTH
        || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new WorkerConfigException(
          file
              + ": worker.identity must be 1-"
              + MAX_IDENTITY_LENGTH
              + " printable characters without spaces, e.g. \"bluegreen@host-1\"");
    }
    return value;
  }

  private static Integer slots(Path file, JsonNode section, String field) {
    JsonNode node = section.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isInt() || node.asInt() < 1 || node.asInt() > MAX_SLOTS) {
      throw new WorkerConfigException(
          file
              + ": worker."
              + field
              + " must be a whole number from 1 to "
              + MAX_SLOTS
              + "; leave it out to size it from the heap");
    }
    return node.asInt();
  }

  private static Duration grace(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Duration d;
    try {
      d = node.isTextual() ? Duration.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
      throw new WorkerConfigException(
          file
              + ": worker.shutdownGrace must be an ISO-8601 duration from PT0S to "
              + MAX_SHUTDOWN_GRACE
              + ", e.g. \"PT30S\"");
    }
    return d;
  }
}
