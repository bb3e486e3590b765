package io.bluegreen.activities.connections;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The worker's named Itential Platform API connections: their endpoints, the HTTP client of those
 * with TLS settings of their own, and the one client of each kind per connection (for the Itential
 * API: its login) that every activity shares.
 */
final class ApiConnections {
  private final Map<String, ApiEndpoint> endpoints = new TreeMap<>();

  /** API connections with TLS of their own get their own client. */
  private final Map<String, HttpCalls> http = new TreeMap<>();

  private final Map<String, Object> clients = new ConcurrentHashMap<>();

  /**
   * Keeps every endpoint, adding its token, password and client secret to {@code passwords}.
   *
   * @param maxResponseBytes the largest response body the request policy lets a client read
   */
  ApiConnections(Map<String, ApiEndpoint> api, int maxResponseBytes, Set<String> passwords) {
    api.forEach(
        (name, endpoint) -> {
          passwords.add(endpoint.token());
          passwords.add(endpoint.password());
          passwords.add(endpoint.clientSecret());
          endpoints.put(name, endpoint);
          if (endpoint.tls().custom()) {
            http.put(
                name,
                new HttpCalls(
                    endpoint.tls().sslContext("Itential API connection '" + name + "'"),
                    maxResponseBytes));
          }
        });
  }

  Set<String> names() {
    return endpoints.keySet();
  }

  ApiEndpoint endpoint(String name) {
    ApiEndpoint endpoint = endpoints.get(name);
    if (endpoint == null) {
      throw Connections.unknown("Itential API", name, endpoints.keySet());
    }
    return endpoint;
  }

  /** The connection's own HTTP client, or {@code fallback} when it has no TLS settings. */
  HttpCalls http(String name, HttpCalls fallback) {
    return http.getOrDefault(name, fallback);
  }

  /** As {@link Connections#apiClient(String, Class, Function)}. */
  <T> T client(String name, Class<T> kind, Function<ApiEndpoint, T> open) {
    ApiEndpoint endpoint = endpoint(name);
    return kind.cast(
        clients.computeIfAbsent(kind.getName() + '\u0000' + name, k -> open.apply(endpoint)));
  }
}
