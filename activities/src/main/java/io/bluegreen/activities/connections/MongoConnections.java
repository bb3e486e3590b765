package io.bluegreen.activities.connections;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's named MongoDB connections: their parsed URIs and settings, and one client per name,
 * created on first use.
 */
final class MongoConnections implements AutoCloseable {
  private final Map<String, ConnectionString> uris = new TreeMap<>();
  private final Map<String, ConnectionSettings> settings = new TreeMap<>();
  private final Map<String, MongoClient> clients = new ConcurrentHashMap<>();

  /**
   * Parses every connection, adding the passwords it finds to {@code passwords}.
   *
   * @throws IllegalArgumentException naming the connection (never echoing the URI) when one is
   *     malformed or insecure
   */
  MongoConnections(Map<String, ConnectionSettings> mongo, Set<String> passwords) {
    mongo.forEach(
        (name, s) -> {
          ConnectionString cs = MongoSecurity.parse(name, s);
          if (cs.getPassword() != null) {
            passwords.add(new String(cs.getPassword()));
          }
          if (s.password() != null) {
            passwords.add(s.password());
          }
          uris.put(name, cs);
          settings.put(name, s);
        });
  }

  Set<String> names() {
    return uris.keySet();
  }

  MongoClient client(String name) {
    ConnectionString cs = uri(name);
    return clients.computeIfAbsent(
        name, n -> MongoClients.create(MongoSecurity.clientSettings(n, cs, settings.get(n))));
  }

  /** As {@link Connections#mongoServerKey(String)}. */
  String serverKey(String name) {
    return ServerKeys.mongo(uri(name));
  }

  private ConnectionString uri(String name) {
    ConnectionString cs = uris.get(name);
    if (cs == null) {
      throw Connections.unknown("MongoDB", name, uris.keySet());
    }
    return cs;
  }

  @Override
  public void close() {
    clients.values().forEach(MongoClient::close);
    clients.clear();
  }
}
