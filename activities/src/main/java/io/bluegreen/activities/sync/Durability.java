package io.bluegreen.activities.sync;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.GreenServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Majority write concern for every sync write to Green (a write a failover can roll back would be a
 * silent loss), and majority read concern for sync reads where the server supports it: a replica
 * set or a sharded cluster. A standalone server (and the MongoDB-wire emulator) has no majority to
 * read from, so there reads use the server's default. A write-concern error makes the driver throw,
 * so it fails the activity (and is retried), never counts as done.
 */
final class Durability {
  private final Connections connections;
  private final Map<String, Boolean> replicated = new ConcurrentHashMap<>();

  Durability(Connections connections) {
    this.connections = connections;
  }

  /** The database for reads: majority read concern where the connection's server supports it. */
  MongoDatabase reading(String connection, String database) {
    MongoDatabase db = connections.mongo(connection).getDatabase(database);
    return majorityReads(connection) ? db.withReadConcern(ReadConcern.MAJORITY) : db;
  }

  /**
   * The database for writes to Green: majority write concern, and majority reads where supported.
   */
  MongoDatabase writing(String connection, String database) {
    return reading(connection, database).withWriteConcern(WriteConcern.MAJORITY);
  }

  boolean majorityReads(String connection) {
    return replicated.computeIfAbsent(
        connection,
        c -> supportsMajorityReads(GreenServer.hello(connections.mongo(c).getDatabase("admin"))));
  }

  /** A replica-set member reports its set's name; a mongos reports {@code msg: "isdbgrid"}. */
  static boolean supportsMajorityReads(Document hello) {
    return GreenServer.replicated(hello);
  }
}
