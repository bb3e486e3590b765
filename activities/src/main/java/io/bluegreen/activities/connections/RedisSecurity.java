package io.bluegreen.activities.connections;

import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/** How a Redis connection authenticates and verifies its server, from the worker configuration. */
final class RedisSecurity {
  private RedisSecurity() {}

  /** Refuses a CA or client certificate on a connection that would not use TLS. */
  static void checkTls(String name, RedisUri uri, ConnectionSettings settings) {
    if (settings.tls().custom() && !uri.tls()) {
      throw new IllegalArgumentException(
          "Redis connection '"
              + name
              + "' has caFile/certFile but a redis:// URI: use rediss:// for TLS");
    }
  }

  /**
   * The client's settings for one logical database: the URI, then the connection's TLS and ACL
   * user.
   */
  static JedisClientConfig clientConfig(
      String name, RedisUri uri, ConnectionSettings settings, int db) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder().database(db).ssl(uri.tls()).timeoutMillis(10_000);
    if (uri.tls()) {
      if (settings.tls().custom()) {
        config.sslSocketFactory(
            settings.tls().sslContext("Redis connection '" + name + "'").getSocketFactory());
      }
      // The server's certificate must name the host we dialled, as HTTPS does.
      SSLParameters parameters = new SSLParameters();
      if (!settings.tls().allowInsecure()) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
      }
      config.sslParameters(parameters);
    }
    String user = settings.username() != null ? settings.username() : uri.user();
    String password = settings.password() != null ? settings.password() : uri.password();
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    return config.build();
  }
}
