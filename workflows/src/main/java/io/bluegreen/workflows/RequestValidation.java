package io.bluegreen.workflows;

import io.bluegreen.workflows.model.ConflictPolicy;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.ItentialRelease;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.TrafficWebhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a request as typed, before defaults and before any activity runs, and lists every problem
 * with what to fix. Pure and deterministic, so the workflow may call it.
 */
public final class RequestValidation {
  private static final String INVALID_DB_CHARS = "/\\. \"$*<>:|?";

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
    platform(problems, "blue", r.blue());
    platform(problems, "green", r.green());
    if (r.collections() != null) {
      names(problems, "collections.include", r.collections().include());
      names(problems, "collections.exclude", r.collections().exclude());
    }
    if (r.switches() != null) {
      fieldPath(problems, "switches.startJobs", r.switches().startJobs());
      fieldPath(problems, "switches.taskWorker", r.switches().taskWorker());
    }
    if (r.copy() != null) {
      range(problems, "copy.batchSize", r.copy().batchSize(), 1, 100_000);
      range(problems, "copy.parallelCollections", r.copy().parallelCollections(), 1, 64);
      range(
          problems, "copy.documentsPerSecond", r.copy().documentsPerSecond(), 0, Integer.MAX_VALUE);
      range(problems, "copy.rangeThreshold", r.copy().rangeThreshold(), 1, Integer.MAX_VALUE);
      range(problems, "copy.ranges", r.copy().ranges(), 1, 64);
    }
    if (r.approval() != null) {
      duration(problems, "approval.timeout", r.approval().timeout());
    }
    if (r.cutover() != null) {
      TrafficWebhook w = r.cutover().webhook();
      if (w != null) {
        httpUrl(problems, "cutover.webhook.url", w.url());
        if (w.method() != null
            && !List.of("POST", "PUT", "PATCH").contains(w.method().toUpperCase(Locale.ROOT))) {
          problems.add(
              "cutover.webhook.method '"
                  + w.method()
                  + "' is not supported: use POST, PUT or PATCH");
        }
      }
      duration(problems, "cutover.drainTimeout", r.cutover().drainTimeout());
      range(problems, "cutover.trafficRedisDb", r.cutover().trafficRedisDb(), 0, 15);
      duration(problems, "cutover.decisionTimeout", r.cutover().decisionTimeout());
      duration(problems, "cutover.finalSyncTimeout", r.cutover().finalSyncTimeout());
      if (r.cutover().trafficKey() != null && r.cutover().trafficKey().isBlank()) {
        problems.add(
            "cutover.trafficKey is blank: name the Redis key that routes traffic, e.g. \"bluegreen:active\"");
      }
    }
    duration(problems, "failoverWindow", r.failoverWindow());
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

  private static void platform(List<String> problems, String name, PlatformSpec p) {
    if (p == null) {
      problems.add(
          "\""
              + name
              + "\" is missing: give {\"mongo\": CONNECTION, \"database\": NAME, \"redis\": CONNECTION, \"redisDb\": N, \"profile\": ID}");
      return;
    }
    if (p.api() != null && p.api().isBlank()) {
      problems.add(
          name
              + ".api is blank: name an API connection of the worker configuration, or leave it out");
    }
    release(problems, name, p.release());
    if (name.equals("blue")) {
      // Options of the platform being written; on Blue they would suggest Blue is changed.
      greenOnly(problems, "blue.allowDowngrade", p.allowDowngrade());
      greenOnly(problems, "blue.acknowledgeStartupWorkers", p.acknowledgeStartupWorkers());
      greenOnly(problems, "blue.profileOverrides", p.profileOverrides());
      greenOnly(problems, "blue.serviceConfigOverrides", p.serviceConfigOverrides());
    } else {
      overrides(problems, name + ".profileOverrides", p.profileOverrides());
      if (p.serviceConfigOverrides() != null) {
        p.serviceConfigOverrides()
            .forEach(
                (service, paths) -> {
                  if (service == null || service.isBlank()) {
                    problems.add(
                        name
                            + ".serviceConfigOverrides holds an empty service name: key it by the service config's name, e.g. \"local_aaa\"");
                  } else {
                    overrides(problems, name + ".serviceConfigOverrides." + service, paths);
                  }
                });
      }
    }
    if (p.health() != null) {
      HealthCheck h = p.health();
      httpUrl(problems, name + ".health.url", h.url());
      range(problems, name + ".health.expectedStatus", h.expectedStatus(), 100, 599);
      duration(problems, name + ".health.interval", h.interval());
      duration(problems, name + ".health.timeout", h.timeout());
      range(problems, name + ".health.failuresAllowed", h.failuresAllowed(), 0, 1000);
    }
    required(
        problems,
        name + ".mongo",
        p.mongo(),
        "the name of a MongoDB connection in the worker configuration, e.g. \"local\"");
    required(
        problems,
        name + ".redis",
        p.redis(),
        "the name of a Redis connection in the worker configuration, e.g. \"local\"");
    required(
        problems,
        name + ".profile",
        p.profile(),
        "the id of the platform's iap_profiles document, e.g. \"" + name + "\"");
    if (p.database() == null || p.database().isBlank()) {
      problems.add(name + ".database is missing: give the MongoDB database name");
    } else {
      String db = p.database();
      for (char c : db.toCharArray()) {
        if (INVALID_DB_CHARS.indexOf(c) >= 0 || c == 0) {
          problems.add(
              name
                  + ".database '"
                  + db
                  + "' is not a valid MongoDB database name: remove the character '"
                  + c
                  + "'");
          break;
        }
      }
      if (db.getBytes(StandardCharsets.UTF_8).length >= 64) {
        problems.add(
            name + ".database '" + db + "' is too long: MongoDB database names are under 64 bytes");
      }
    }
    if (p.redisDb() != null && (p.redisDb() < 0 || p.redisDb() > 15)) {
      problems.add(
          name
              + ".redisDb "
              + p.redisDb()
              + " is out of range: use a Redis database number from 0 to 15");
    }
  }

  private static void release(List<String> problems, String platform, String release) {
    if (release == null || release.isBlank()) {
      return;
    }
    ItentialRelease r = ItentialRelease.parse(release);
    if (r == null) {
      problems.add(
          platform
              + ".release '"
              + release
              + "' is not an Itential release: write e.g. \"2023.1\", \"2023.2\" or \"6\"");
    } else if (!r.supported()) {
      problems.add(
          platform
              + ".release "
              + release
              + " is older than "
              + ItentialRelease.OLDEST_SUPPORTED
              + ", the first release bluegreen supports (its worker API and start-up settings): upgrade it first");
    }
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

  private static void greenOnly(List<String> problems, String field, Object value) {
    if (value != null) {
      problems.add(field + " applies to Green only (Blue is never reconfigured): move it to green");
    }
  }

  private static void overrides(List<String> problems, String field, Map<String, ?> paths) {
    if (paths == null) {
      return;
    }
    for (String path : paths.keySet()) {
      if (path == null
          || path.isBlank()
          || path.startsWith("$")
          || path.contains(".$")
          || path.startsWith(".")
          || path.endsWith(".")
          || path.contains("..")) {
        problems.add(
            field
                + " key '"
                + path
                + "' is not a field path: give a dotted path such as \"redisProps.host\"");
      } else if (path.equals("_id") || path.equals("id") || path.equals("name")) {
        problems.add(
            field + " may not change '" + path + "': it is how bluegreen finds the document");
      }
    }
  }

  private static void required(List<String> problems, String field, String value, String what) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is missing: give " + what);
    }
  }

  private static void names(List<String> problems, String field, List<String> names) {
    if (names == null) {
      return;
    }
    for (String n : names) {
      if (n == null || n.isBlank()) {
        problems.add(field + " holds an empty name: list collection names only");
      }
    }
  }

  private static void fieldPath(List<String> problems, String field, String path) {
    if (path == null) {
      return;
    }
    if (path.isBlank()
        || path.startsWith("$")
        || path.startsWith(".")
        || path.endsWith(".")
        || path.contains("..")) {
      problems.add(
          field
              + " '"
              + path
              + "' is not a field path: give a dotted path such as \"startJobs\" or \"workers.startJobs\"");
    }
  }

  /** An http(s) URL without credentials: it is stored in workflow history. */
  private static void httpUrl(List<String> problems, String field, String url) {
    if (url == null || url.isBlank()) {
      problems.add(field + " is missing: give an http:// or https:// URL");
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      problems.add(
          field + " is not a valid URL: give e.g. \"https://green.example.com:3443/health\"");
      return;
    }
    if (uri.getScheme() == null
        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      problems.add(
          field + " is not an http(s) URL: give e.g. \"https://green.example.com:3443/health\"");
    } else if (uri.getRawUserInfo() != null) {
      problems.add(
          field + " carries credentials: remove them (the URL is stored in workflow history)");
    } else {
      String token = UrlTokens.problem(field, url);
      if (token != null) {
        problems.add(token);
      }
    }
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

  private static void range(List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(field + " " + value + " is out of range: use " + min + " to " + max);
    }
  }

  private static void duration(List<String> problems, String field, String value) {
    if (value == null) {
      return;
    }
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative() || d.isZero()) {
        problems.add(field + " '" + value + "' must be positive, e.g. \"PT30M\" or \"P7D\"");
      } else if (d.compareTo(MAX_DURATION) > 0) {
        // A timer that long overflows the server's timestamps: every workflow task would fail, and
        // with it any rollback.
        problems.add(field + " '" + value + "' is longer than a year: use at most \"P365D\"");
      }
    } catch (DateTimeParseException e) {
      problems.add(
          field
              + " '"
              + value
              + "' is not an ISO-8601 duration: write e.g. \"PT30M\" (30 minutes), \"PT24H\" or \"P7D\"");
    }
  }
}
