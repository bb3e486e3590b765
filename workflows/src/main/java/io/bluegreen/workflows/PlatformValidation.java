package io.bluegreen.workflows;

import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.ItentialRelease;
import io.bluegreen.workflows.model.PlatformSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code blue} and {@code green} in a request (connections, database, release,
 * Green's overrides, the health check), part of {@link RequestValidation}.
 */
final class PlatformValidation {
  private static final String INVALID_DB_CHARS = "/\\. \"$*<>:|?";

  private PlatformValidation() {}

  static void platform(List<String> problems, String name, PlatformSpec p) {
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
      FieldChecks.httpUrl(problems, name + ".health.url", h.url());
      FieldChecks.range(problems, name + ".health.expectedStatus", h.expectedStatus(), 100, 599);
      FieldChecks.duration(problems, name + ".health.interval", h.interval());
      FieldChecks.duration(problems, name + ".health.timeout", h.timeout());
      FieldChecks.range(problems, name + ".health.failuresAllowed", h.failuresAllowed(), 0, 1000);
    }
    FieldChecks.required(
        problems,
        name + ".mongo",
        p.mongo(),
        "the name of a MongoDB connection in the worker configuration, e.g. \"local\"");
    FieldChecks.required(
        problems,
        name + ".redis",
        p.redis(),
        "the name of a Redis connection in the worker configuration, e.g. \"local\"");
    FieldChecks.required(
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
}
