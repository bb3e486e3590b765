package io.bluegreen.activities.connections;

import io.bluegreen.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request may make the worker do beyond its named connections, from the worker
 * configuration: which URLs it may call (health checks, webhook), how much of a response is read,
 * and where the traffic key may be written.
 *
 * @param allowedUrls URL prefixes a request's URLs must start with (scheme, host and port equal,
 *     path under the prefix's); null: any URL (the worker warns at start)
 * @param maxResponseBytes how much of any HTTP response body is read
 * @param trafficRedis Redis connections the traffic key may be written through; null: any
 * @param trafficKeyPrefix the prefix every traffic key must have; null: any key
 */
public record RequestPolicy(
    List<URI> allowedUrls,
    int maxResponseBytes,
    Set<String> trafficRedis,
    String trafficKeyPrefix) {
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
  public static final RequestPolicy OPEN =
      new RequestPolicy(null, DEFAULT_MAX_RESPONSE_BYTES, null, null);

  /** Null when {@code url} may be called, else what is wrong and how to fix it. */
  public String urlProblem(String field, String url) {
    if (allowedUrls == null) {
      return null;
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return field + " is not a valid URL";
    }
    for (URI allowed : allowedUrls) {
      if (matches(allowed, u)) {
        return null;
      }
    }
    return field
        + " "
        + HttpCalls.where(u)
        + " is not in the worker's http.allowedUrls; add its prefix to the"
        + " worker configuration or use an allowed URL";
  }

  static boolean matches(URI allowed, URI url) {
    if (url.getScheme() == null
        || url.getHost() == null
        || !allowed.getScheme().equalsIgnoreCase(url.getScheme())
        || !allowed.getHost().equalsIgnoreCase(url.getHost())
        || port(allowed) != port(url)) {
      return false;
    }
    String prefix =
        allowed.getPath() == null || allowed.getPath().isEmpty() ? "/" : allowed.getPath();
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    // Whole segments only: /health allows /health and /health/x, not /healthz.
    return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }

  /** Null when the traffic key may be written there, else what is wrong and how to fix it. */
  public String trafficProblem(String redis, String key) {
    if (trafficRedis != null && !trafficRedis.contains(redis)) {
      return "cutover.trafficRedis '"
          + redis
          + "' is not one of the worker's traffic.redis connections "
          + trafficRedis
          + "; use one of them";
    }
    if (trafficKeyPrefix != null && (key == null || !key.startsWith(trafficKeyPrefix))) {
      return "cutover.trafficKey '"
          + key
          + "' does not start with the worker's traffic.keyPrefix '"
          + trafficKeyPrefix
          + "'; choose a key under it";
    }
    return null;
  }

  /** Throws the non-retryable failure an activity ends with when {@code problem} is set. */
  public static void refuse(String problem) {
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(problem, FailureTypes.NOT_ALLOWED_BY_WORKER);
    }
  }
}
