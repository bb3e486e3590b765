package io.bluegreen.activities.connections;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a MongoDB connection authenticates and verifies its server, from the worker configuration.
 */
final class MongoSecurity {
  private static final Logger log = LoggerFactory.getLogger(MongoSecurity.class);

  /** MongoDB URI options that switch certificate or host name verification off. */
  private static final Set<String> INSECURE_OPTIONS =
      Set.of(
          "tlsinsecure",
          "tlsallowinvalidhostnames",
          "tlsallowinvalidcertificates",
          "sslallowinvalidhostnames",
          "sslallowinvalidcertificates");

  /**
   * The values the driver reads as true for a boolean URI option (it compares case-insensitively).
   */
  private static final Set<String> TRUE_VALUES = Set.of("true", "yes", "1");

  private MongoSecurity() {}

  /**
   * The connection's URI, read by the driver, once its options are known not to switch TLS
   * verification off unasked (see {@link #checkVerification}).
   *
   * @throws IllegalArgumentException naming the connection (never echoing the URI)
   */
  static ConnectionString parse(String name, ConnectionSettings settings) {
    ConnectionString cs;
    try {
      cs = new ConnectionString(settings.uri());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "MongoDB connection '" + name + "' has an invalid URI (mongodb://host:port expected)");
    }
    checkVerification("MongoDB connection '" + name + "'", settings.uri(), settings.tls());
    return cs;
  }

  /** The driver's settings: the URI, then the connection's TLS and SCRAM user. */
  static MongoClientSettings clientSettings(
      String name, ConnectionString cs, ConnectionSettings settings) {
    MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(cs);
    if (settings.tls().custom()) {
      SSLContext context = settings.tls().sslContext("MongoDB connection '" + name + "'");
      builder.applyToSslSettings(ssl -> ssl.enabled(true).context(context));
    }
    if (settings.username() != null) {
      // SCRAM (the driver negotiates SHA-256 or SHA-1); the URI's authSource, else admin.
      String source =
          cs.getCredential() != null && cs.getCredential().getSource() != null
              ? cs.getCredential().getSource()
              : "admin";
      char[] password =
          settings.password() == null ? new char[0] : settings.password().toCharArray();
      builder.credential(MongoCredential.createCredential(settings.username(), source, password));
    }
    return builder.build();
  }

  /**
   * Refuses URI options that switch TLS verification off, unless the connection says {@code
   * allowInsecure}; then the worker logs a warning once, at start.
   */
  static void checkVerification(String what, String uri, TlsSettings tls) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return;
    }
    for (String option : uri.substring(query + 1).split("[&;]")) {
      int eq = option.indexOf('=');
      String key = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : option.substring(eq + 1).toLowerCase(Locale.ROOT);
      if (INSECURE_OPTIONS.contains(key) && TRUE_VALUES.contains(value)) {
        // The option and its value only: neither is a secret, and the operator needs to find it in
        // the URI.
        if (!tls.allowInsecure()) {
          throw new IllegalArgumentException(
              what
                  + " switches TLS verification off ("
                  + option
                  + "): remove it, or add \"allowInsecure\": true to this connection if you accept the risk");
        }
        log.warn(
            "{} switches TLS verification off ({}), allowed by allowInsecure: its server's identity is not checked",
            what,
            option);
      }
    }
  }
}
