package io.bluegreen.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's MongoDB: mongo-java-server, a MongoDB-wire-compatible emulator, in a process
 * of its own on 127.0.0.1. Not MongoDB: no transactions, no partial-index filters, wire versions
 * up to 8 only.
 *
 * <p>Usage: {@code DevMongoServer --port P (--file PATH | --memory)}. With {@code --file}, data
 * lives in an H2 MVStore file and survives restarts, including a SIGKILL (see {@link
 * CommittingH2Backend}).
 */
public final class DevMongoServer {
  private DevMongoServer() {}

  public static void main(String[] args) throws Exception {
    int port = -1;
    Path file = null;
    boolean memory = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--file" -> file = Path.of(args[++i]);
        case "--memory" -> memory = true;
        default -> fail("unknown argument " + args[i]);
      }
    }
    if (port <= 0 || (file != null) == memory) {
      fail("usage: DevMongoServer --port P (--file PATH | --memory)");
    }
    H2Backend backend;
    if (memory) {
      backend = H2Backend.inMemory();
    } else {
      Files.createDirectories(file.toAbsolutePath().getParent());
      backend = new CommittingH2Backend(file.toString());
    }
    MongoServer server = new MongoServer(backend);
    server.bind(ProcessSupervisor.LOOPBACK, port);
    // SIGTERM (dev down) runs this: shutdown closes the backend, which flushes the MVStore file.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  stopped.countDown();
                }));
    System.out.println(
        "MongoDB-wire emulator (mongo-java-server) listening on "
            + ProcessSupervisor.LOOPBACK
            + ":"
            + port
            + (memory ? ", in memory" : ", data in " + file));
    stopped.await();
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }

  /**
   * An H2 backend that commits the MVStore after every command that may write. H2 alone commits
   * about once a second, so a killed process would lose the last second of acknowledged writes;
   * committing before the reply goes out means an acknowledged write is in the file (the OS keeps
   * it even when the process dies).
   */
  static final class CommittingH2Backend extends H2Backend {
    private static final Set<String> READ_ONLY =
        Set.of(
            "find", "getmore", "count", "aggregate", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo",
            "serverstatus", "getlasterror", "getparameter", "whatsmyuri", "dbstats",
            "collstats", "endsessions", "killcursors", "connectionstatus", "hostinfo",
            "getlog", "getcmdlineopts", "getfreemonitoringstatus");

    CommittingH2Backend(String fileName) {
      super(fileName);
    }

    // Current drivers send every command as OP_MSG, whose body's first key names the command.
    @Override
    public Document handleMessage(MongoMessage message) {
      Document result = super.handleMessage(message);
      String command = message.getDocument().keySet().stream().findFirst().orElse("");
      if (!READ_ONLY.contains(command.toLowerCase(java.util.Locale.ROOT))) {
        commit();
      }
      return result;
    }
  }
}
