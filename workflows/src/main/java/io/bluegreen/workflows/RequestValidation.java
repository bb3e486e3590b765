package io.bluegreen.workflows;

import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.ConflictPolicy;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ItentialRelease;
import io.bluegreen.workflows.model.TrafficWebhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a request as typed, before defaults and before any activity runs, and lists every problem
 * with what to fix. Pure and deterministic, so the workflow may call it.
 */
public final class RequestValidation {
  /** The longest duration a request may give (any of them): a year. */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  private RequestValidation() {}

  /** Every problem found; empty when the request can run. */
  public static List<String> problems(DeploymentRequest r) {
    List<String> problems = new ArrayList<>();
    if (r == null) {
      problems.add(
          "the request is empty: pass one JSON object with at least \"blue\" and \"green\"");
      return problems;
    }
    for (UnknownFields.UnknownField field : UnknownFields.find(r)) {
      problems.add(field.describe(""));
    }
    PlatformValidation.platform(problems, "blue", r.blue());
    PlatformValidation.platform(problems, "green", r.green());
    if (r.collections() != null) {
      FieldChecks.names(problems, "collections.include", r.collections().include());
      FieldChecks.names(problems, "collections.exclude", r.collections().exclude());
    }
    if (r.switches() != null) {
      FieldChecks.fieldPath(problems, "switches.startJobs", r.switches().startJobs());
      FieldChecks.fieldPath(problems, "switches.taskWorker", r.switches().taskWorker());
    }
    if (r.copy() != null) {
      FieldChecks.range(problems, "copy.batchSize", r.copy().batchSize(), 1, 100_000);
      FieldChecks.range(
          problems, "copy.parallelCollections", r.copy().parallelCollections(), 1, 64);
      FieldChecks.range(
          problems, "copy.documentsPerSecond", r.copy().documentsPerSecond(), 0, Integer.MAX_VALUE);
      FieldChecks.range(
          problems, "copy.rangeThreshold", r.copy().rangeThreshold(), 1, Integer.MAX_VALUE);
      FieldChecks.range(problems, "copy.ranges", r.copy().ranges(), 1, 64);
    }
    if (r.approval() != null) {
      FieldChecks.duration(problems, "approval.timeout", r.approval().timeout());
    }
    if (r.cutover() != null) {
      TrafficWebhook w = r.cutover().webhook();
      if (w != null) {
        FieldChecks.httpUrl(problems, "cutover.webhook.url", w.url());
        if (w.method() != null
            && !List.of("POST", "PUT", "PATCH").contains(w.method().toUpperCase(Locale.ROOT))) {
          problems.add(
              "cutover.webhook.method '"
                  + w.method()
                  + "' is not supported: use POST, PUT or PATCH");
        }
      }
      FieldChecks.duration(problems, "cutover.drainTimeout", r.cutover().drainTimeout());
      FieldChecks.range(problems, "cutover.trafficRedisDb", r.cutover().trafficRedisDb(), 0, 15);
      FieldChecks.duration(problems, "cutover.decisionTimeout", r.cutover().decisionTimeout());
      FieldChecks.duration(problems, "cutover.finalSyncTimeout", r.cutover().finalSyncTimeout());
      if (r.cutover().trafficKey() != null && r.cutover().trafficKey().isBlank()) {
        problems.add(
            "cutover.trafficKey is blank: name the Redis key that routes traffic, e.g. \"bluegreen:active\"");
      }
      String blueJobs = r.cutover().blueJobs();
      if (blueJobs != null && BlueJobsPolicy.parse(blueJobs).isEmpty()) {
        problems.add(
            "cutover.blueJobs '"
                + blueJobs
                + "' is not one of "
                + BlueJobsPolicy.choices()
                + " (lower case): what becomes of Blue's unfinished jobs at cutover");
      }
      if (r.cutover().blueJobsPolicy() == BlueJobsPolicy.CANCEL
          && (r.blue() == null || r.blue().api() == null)) {
        problems.add(
            "cutover.blueJobs 'cancel' needs blue.api: Blue's jobs are cancelled through its Itential API; name Blue's API connection, or leave them (\"leave\", the default)");
      }
    }
    FieldChecks.duration(problems, "failoverWindow", r.failoverWindow());
    LiveValidation.check(problems, r);
    if (r.blue() != null && r.green() != null) {
      String downgrade =
          downgradeProblem(
              ItentialRelease.parse(r.blue().release()),
              ItentialRelease.parse(r.green().release()),
              r.green().allowDowngrade());
      if (downgrade != null) {
        problems.add(downgrade);
      }
    }
    if (r.sync() != null) {
      conflictPolicy(problems, "sync.conflicts", r.sync().conflicts(), true);
      if (r.sync().collections() != null) {
        r.sync()
            .collections()
            .forEach(
                (name, policy) ->
                    conflictPolicy(problems, "sync.collections." + name, policy, true));
      }
    }
    if (r.blue() != null
        && r.green() != null
        && r.blue().mongo() != null
        && r.blue().mongo().equals(r.green().mongo())
        && r.blue().database() != null
        && r.blue().database().equals(r.green().database())) {
      problems.add(
          "green.database is Blue's database '"
              + r.blue().database()
              + "' on the same connection: give Green its own database, e.g. \""
              + r.blue().database()
              + "_green\"");
    }
    return problems;
  }

  /** Null unless Green runs an older release than Blue without {@code green.allowDowngrade}. */
  public static String downgradeProblem(
      ItentialRelease blue, ItentialRelease green, Boolean allowDowngrade) {
    if (blue == null
        || green == null
        || green.compareTo(blue) >= 0
        || Boolean.TRUE.equals(allowDowngrade)) {
      return null;
    }
    return "Green runs release "
        + green
        + ", older than Blue's "
        + blue
        + ": a blue-green deployment moves forward; set green.allowDowngrade to true if this downgrade is meant";
  }

  private static void conflictPolicy(
      List<String> problems, String field, String value, boolean haltAllowed) {
    if (value != null && !ConflictPolicy.allows(value, haltAllowed)) {
      problems.add(
          field
              + " '"
              + value
              + "' is not a conflict policy: use one of "
              + ConflictPolicy.choices(haltAllowed));
    }
  }
}
