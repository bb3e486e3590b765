package io.bluegreen.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The local stack: the real {@code temporal} dev server, a MongoDB-wire server and Redis, each in
 * its own process on loopback, and a worker process whose connections are named {@code local}.
 *
 * <p>CONTRACT STUB: the starter (dev up/down/status, demo) and the end-to-end tests code against
 * these signatures; the implementation fills them in.
 */
public final class DevStack {
  /** The stack of {@code ./bluegreen dev}: state in {@code <home>/.bluegreen/dev}, default ports. */
  public static DevStack local(Path home) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** A stack with its own state folder and ports, for tests that must not meet `dev up`'s stack. */
  public static DevStack at(Path stateDir, DevPorts ports) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Starts what is not running (idempotent); with {@code withWorker}, also the worker. */
  public void up(boolean withWorker) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Stops every piece this stack started. */
  public void down() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Each piece with its process id, address and whether it answers. */
  public List<PieceStatus> status() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public String temporalAddress() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public String mongoUri() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public String redisUri() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The worker configuration file naming the connections {@code local}. */
  public Path workerConfig() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
