package io.bluegreen.activities.connections;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A parsed Redis URI. The password is kept only to authenticate and to scrub messages. */
record RedisUri(String host, int port, String user, String password, boolean tls) {
  static RedisUri parse(String name, String uri) {
    String problem =
        "Redis connection '"
            + name
            + "' has an invalid URI (redis://[user:password@]host:port expected)";
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException(problem);
    }
    String scheme = u.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))
        || u.getHost() == null) {
      throw new IllegalArgumentException(problem);
    }
    String user = null;
    String password = null;
    String info = u.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      if (colon < 0) {
        // redis://secret@host is the conventional password-only form.
        password = decode(info);
      } else {
        user = colon == 0 ? null : decode(info.substring(0, colon));
        password = decode(info.substring(colon + 1));
      }
    }
    int port = u.getPort() < 0 ? 6379 : u.getPort();
    return new RedisUri(u.getHost(), port, user, password, scheme.equalsIgnoreCase("rediss"));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisUri[" + host + ":" + port + "]";
  }
}
