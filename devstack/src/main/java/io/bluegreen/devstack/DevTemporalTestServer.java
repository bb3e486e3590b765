package io.bluegreen.devstack;

import io.temporal.testserver.TestServer;
import java.util.concurrent.CountDownLatch;

/**
 * The last-resort Temporal for the local stack, where neither the {@code temporal} CLI nor go
 * exists: the SDK's in-memory test server bound to a port, in its own JVM. It keeps nothing on disk
 * and cannot resume workflows after a restart of the worker the way the real server does.
 *
 * <p>Usage: {@code DevTemporalTestServer PORT}.
 */
public final class DevTemporalTestServer {
  private DevTemporalTestServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DevTemporalTestServer PORT");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    // Before binding, so that whoever sees the port open finds the warning in the log already.
    System.out.println(
        "WARNING: Temporal Java test server on port "
            + port
            + " (in memory; cannot resume workflows after a worker restart)");
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
