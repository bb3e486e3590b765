package io.bluegreen.activities.preflight;

import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.PlatformSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Preflight's checks of the request on its own, before any server is asked: both platforms named
 * completely, database names MongoDB accepts, and URLs and a traffic key that the worker's request
 * policy allows. A problem is an {@link IllegalArgumentException} saying what to fix.
 */
final class RequestCheck {
  private static final String INVALID_DB_CHARS = "/\\. \"$*<>:|?";

  private RequestCheck() {}

  static PlatformSpec require(PlatformSpec spec, String which) {
    if (spec == null) {
      throw new IllegalArgumentException("the request has no '" + which + "' platform");
    }
    return spec;
  }

  static void checkSpec(PlatformSpec spec, String which) {
    if (spec.mongo() == null || spec.mongo().isBlank()) {
      throw new IllegalArgumentException(
          which + ".mongo is missing: name a MongoDB connection from the worker configuration");
    }
    if (spec.redis() == null || spec.redis().isBlank()) {
      throw new IllegalArgumentException(
          which + ".redis is missing: name a Redis connection from the worker configuration");
    }
    if (spec.profile() == null || spec.profile().isBlank()) {
      throw new IllegalArgumentException(
          which + ".profile is missing: give the id of the platform's iap_profiles document");
    }
    String problem = databaseNameProblem(spec.database());
    if (problem != null) {
      throw new IllegalArgumentException(which + ".database " + problem);
    }
    if (spec.redisDb() != null && spec.redisDb() < 0) {
      throw new IllegalArgumentException(
          which + ".redisDb must be 0 or more, not " + spec.redisDb());
    }
  }

  /** Null when MongoDB accepts the name as a database name, else what is wrong with it. */
  static String databaseNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "is missing: name a MongoDB database";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length >= 64) {
      return "'" + name + "' is too long: MongoDB database names must be shorter than 64 bytes";
    }
    for (char c : name.toCharArray()) {
      if (INVALID_DB_CHARS.indexOf(c) >= 0 || c == 0) {
        return "'"
            + name
            + "' contains '"
            + c
            + "', which MongoDB does not allow in a database name (none of /\\. \"$*<>:|?)";
      }
    }
    return null;
  }

  static int redisDb(PlatformSpec spec) {
    return spec.redisDb() == null ? 0 : spec.redisDb();
  }

  /**
   * The URLs the request makes the worker call and where it writes the traffic key must be what the
   * worker configuration allows; refused here, before anything is written.
   */
  static void checkRequestPolicy(PreflightInput input, RequestPolicy policy) {
    List<String> problems = new ArrayList<>();
    if (input.blue().health() != null) {
      problems.add(policy.urlProblem("blue.health.url", input.blue().health().url()));
    }
    if (input.green().health() != null) {
      problems.add(policy.urlProblem("green.health.url", input.green().health().url()));
    }
    CutoverOptions cutover = input.cutover();
    if (cutover != null) {
      if (cutover.webhook() != null) {
        problems.add(policy.urlProblem("cutover.webhook.url", cutover.webhook().url()));
      }
      String redis = cutover.trafficRedis() != null ? cutover.trafficRedis() : input.blue().redis();
      problems.add(policy.trafficProblem(redis, cutover.trafficKey()));
    }
    problems.removeIf(Objects::isNull);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
