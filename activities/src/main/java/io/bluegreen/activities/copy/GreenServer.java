package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** What Green's server can do, as its {@code hello} answer says. */
public final class GreenServer {
  private static final int COMMAND_NOT_FOUND = 59;

  /** MongoDB 4.0: transactions on a replica set. */
  private static final int REPLICA_SET_TRANSACTIONS = 7;

  /** MongoDB 4.2: transactions through a mongos. */
  private static final int SHARDED_TRANSACTIONS = 8;

  private GreenServer() {}

  /** {@code hello}, or {@code isMaster} on a server that predates it (the emulator). */
  public static Document hello(MongoDatabase admin) {
    try {
      return admin.runCommand(new Document("hello", 1));
    } catch (MongoCommandException e) {
      if (e.getErrorCode() != COMMAND_NOT_FOUND) {
        throw e;
      }
      return admin.runCommand(new Document("isMaster", 1));
    }
  }

  /** A replica-set member reports its set's name; a mongos reports {@code msg: "isdbgrid"}. */
  public static boolean replicated(Document hello) {
    return hello.get("setName") != null || "isdbgrid".equals(hello.get("msg"));
  }

  /**
   * Multi-document transactions: a replica set from wire version 7 (4.0), a mongos from 8 (4.2). A
   * standalone server has none, nor do the local backends (mongo-java-server, FerretDB), which
   * report no set name.
   */
  public static boolean supportsTransactions(Document hello) {
    Object wire = hello.get("maxWireVersion");
    int version = wire instanceof Number n ? n.intValue() : 0;
    if ("isdbgrid".equals(hello.get("msg"))) {
      return version >= SHARDED_TRANSACTIONS;
    }
    return hello.get("setName") != null && version >= REPLICA_SET_TRANSACTIONS;
  }
}
