package io.bluegreen.activities.connections;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker's named Redis connections: their parsed URIs and settings, and one pool per (name,
 * logical database), created on first use.
 */
final class RedisConnections implements AutoCloseable {
  private final Map<String, RedisUri> uris = new TreeMap<>();
  private final Map<String, ConnectionSettings> settings = new TreeMap<>();
  private final Map<String, UnifiedJedis> clients = new ConcurrentHashMap<>();

  /**
   * Parses every connection and checks its TLS, adding the passwords it finds to {@code passwords}.
   *
   * @throws IllegalArgumentException naming the connection (never echoing the URI) when one is
   *     malformed
   */
  RedisConnections(Map<String, ConnectionSettings> redis, Set<String> passwords) {
    redis.forEach(
        (name, s) -> {
          RedisUri parsed = RedisUri.parse(name, s.uri());
          if (parsed.password() != null) {
            passwords.add(parsed.password());
          }
          if (s.password() != null) {
            passwords.add(s.password());
          }
          RedisSecurity.checkTls(name, parsed, s);
          uris.put(name, parsed);
          settings.put(name, s);
        });
  }

  Set<String> names() {
    return uris.keySet();
  }

  UnifiedJedis client(String name, int db) {
    RedisUri uri = uri(name);
    return clients.computeIfAbsent(
        name + "#" + db,
        k ->
            new JedisPooled(
                new HostAndPort(uri.host(), uri.port()),
                RedisSecurity.clientConfig(name, uri, settings.get(name), db)));
  }

  /** As {@link Connections#redisServerKey(String)}. */
  String serverKey(String name) {
    return ServerKeys.redis(uri(name));
  }

  private RedisUri uri(String name) {
    RedisUri uri = uris.get(name);
    if (uri == null) {
      throw Connections.unknown("Redis", name, uris.keySet());
    }
    return uri;
  }

  @Override
  public void close() {
    clients.values().forEach(UnifiedJedis::close);
    clients.clear();
  }
}
