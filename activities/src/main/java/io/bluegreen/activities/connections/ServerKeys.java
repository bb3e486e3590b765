package io.bluegreen.activities.connections;

import com.mongodb.ConnectionString;
import java.util.Locale;

/**
 * Which server a connection's URI names, as lower-case {@code host:port} text without credentials,
 * so two names configured for the same server or cluster compare equal. What the servers themselves
 * say they are is {@link ServerIdentity}.
 */
final class ServerKeys {
  private ServerKeys() {}

  /**
   * A MongoDB deployment's sorted {@code host:port} pairs, comma-separated (port 27017 unless given
   * or SRV).
   */
  static String mongo(ConnectionString cs) {
    boolean srv = cs.isSrvProtocol();
    return cs.getHosts().stream()
        .map(h -> h.toLowerCase(Locale.ROOT))
        .map(h -> srv || hasPort(h) ? h : h + ":27017")
        .sorted()
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }

  /** A Redis server's {@code host:port}. */
  static String redis(RedisUri uri) {
    return uri.host().toLowerCase(Locale.ROOT) + ":" + uri.port();
  }

  private static boolean hasPort(String host) {
    // IPv6 literals come as [::1] or [::1]:27017.
    int bracket = host.lastIndexOf(']');
    return host.indexOf(':', bracket + 1) >= 0;
  }
}
