package io.bluegreen.activities.connections;

/**
 * One MongoDB or Redis connection of the worker configuration: its URI, optionally the user and
 * password to authenticate with (SCRAM for MongoDB, an ACL user for Redis; they override the
 * URI's), and its TLS. Never printed with its password.
 */
public record ConnectionSettings(String uri, String username, String password, TlsSettings tls) {
  public ConnectionSettings {
    tls = tls == null ? TlsSettings.NONE : tls;
  }

  public static ConnectionSettings of(String uri) {
    return new ConnectionSettings(uri, null, null, TlsSettings.NONE);
  }

  @Override
  public String toString() {
    return "ConnectionSettings[user=" + username + ", tls=" + tls.custom() + "]";
  }
}
