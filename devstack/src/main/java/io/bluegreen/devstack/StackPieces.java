package io.bluegreen.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The four processes of the local stack: the three servers (the {@code temporal} dev server, a
 * MongoDB-wire server, Redis) and the worker that connects to them. Each is found by the name its
 * pid file and log carry ({@code temporal}, {@code mongodb}, {@code redis}, {@code worker}).
 */
final class StackPieces {
  final TemporalPiece temporal;
  final Piece mongo;
  final RedisPiece redis;
  final WorkerPiece worker;

  /**
   * @param mongoInMemory the emulator keeps no data files (FerretDB always keeps them)
   * @param workerConfig the worker's configuration file, read when the worker starts
   * @param workerEnv extra environment for the worker, read when it starts
   */
  StackPieces(
      Path stateDir,
      Path home,
      DevPorts ports,
      boolean mongoInMemory,
      MongoBackend backend,
      Supplier<Path> workerConfig,
      Supplier<Map<String, String>> workerEnv,
      Consumer<String> say) {
    this.temporal = new TemporalPiece(stateDir, home, ports.temporal(), ports.temporalUi(), say);
    this.mongo =
        backend == MongoBackend.FERRETDB
            ? new FerretDbPiece(stateDir, home, ports.mongo(), say)
            : new MongoPiece(stateDir, ports.mongo(), mongoInMemory, say);
    this.redis = new RedisPiece(stateDir, ports.redis(), say);
    this.worker = new WorkerPiece(stateDir, temporal::address, workerConfig, workerEnv, say);
  }

  /** The servers, in the order they start; the worker needs all three. */
  List<Piece> servers() {
    return List.of(temporal, mongo, redis);
  }

  /** A port held by a process this stack did not start, one sentence each. */
  List<String> conflicts() {
    List<String> conflicts = new ArrayList<>();
    for (Piece piece : servers()) {
      piece.conflict().ifPresent(conflicts::add);
    }
    return conflicts;
  }

  List<Piece> all() {
    return List.of(temporal, mongo, redis, worker);
  }

  Piece named(String name) {
    for (Piece p : all()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no piece named " + name);
  }
}
