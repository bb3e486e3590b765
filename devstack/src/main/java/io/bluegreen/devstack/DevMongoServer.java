package io.bluegreen.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;

/**
 * The local stack's MongoDB: mongo-java-server, a MongoDB-wire-compatible emulator, in a process of
 * its own on 127.0.0.1. Not MongoDB: no transactions, no partial-index filters, wire versions up to
 * 8 only.
 *
 * <p>Usage: {@code DevMongoServer --port P (--file PATH | --memory)}. With {@code --file}, data
 * lives in an H2 MVStore file and survives restarts, including a SIGKILL (see {@link
 * GuardedH2Backend}).
 */
public final class DevMongoServer {
  /** The -Xmx the stack gave this process, for the heap guard's message. */
  static final String HEAP_PROPERTY = "bluegreen.mongo.heap";

  /** Writes are refused once live data passes this share of the heap. */
  static final double HEAP_FULL_FRACTION = 0.8;

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
    EmulatorHeapGuard guard =
        new EmulatorHeapGuard(
            HEAP_FULL_FRACTION,
            System.getProperty(
                HEAP_PROPERTY, Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m"));
    H2Backend backend;
    if (memory) {
      backend = new GuardedH2Backend(null, guard);
    } else {
      Files.createDirectories(file.toAbsolutePath().getParent());
      backend = new GuardedH2Backend(file.toString(), guard);
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
   * The H2 backend with two additions. On a file, it commits the MVStore after every command that
   * may write: H2 alone commits about once a second, so a killed process would lose the last second
   * of acknowledged writes; committing before the reply goes out means an acknowledged write is in
   * the file (the OS keeps it even when the process dies). And it refuses writes once the heap is
   * nearly full ({@link EmulatorHeapGuard}).
   */
  static final class GuardedH2Backend extends H2Backend {
    private static final Set<String> READ_ONLY =
        Set.of(
            "find",
            "getmore",
            "count",
            "aggregate",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "ismaster",
            "hello",
            "ping",
            "buildinfo",
            "serverstatus",
            "getlasterror",
            "getparameter",
            "whatsmyuri",
            "dbstats",
            "collstats",
            "endsessions",
            "killcursors",
            "connectionstatus",
            "hostinfo",
            "getlog",
            "getcmdlineopts",
            "getfreemonitoringstatus");

    private final boolean onFile;
    private final EmulatorHeapGuard guard;

    /**
     * @param fileName the MVStore file, or null to keep everything in memory only
     */
    GuardedH2Backend(String fileName, EmulatorHeapGuard guard) {
      super(MVStore.open(fileName)); // null: in memory only
      this.onFile = fileName != null;
      this.guard = guard;
    }

    // Current drivers send every command as OP_MSG, whose body's first key names the command.
    @Override
    public Document handleMessage(MongoMessage message) {
      String command = message.getDocument().keySet().stream().findFirst().orElse("");
      guard.checkRoomFor(command);
      Document result = super.handleMessage(message);
      if (onFile && !READ_ONLY.contains(command.toLowerCase(Locale.ROOT))) {
        commit();
      }
      return result;
    }
  }
}
