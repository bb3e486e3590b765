package io.bluegreen.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local stack: the real {@code temporal} dev server, a MongoDB-wire server and Redis, each in
 * its own process on loopback, and a worker process whose connections are named {@code local}.
 *
 * <p>Every piece is a separate OS process recorded by a pid file in the state folder, so a later
 * JVM (the next {@code ./bluegreen dev status}) finds the same processes, and killing the worker
 * loses nothing but the worker. Data files stay in the state folder across {@link #down()}; {@link
 * #reset()} deletes them.
 */
public final class DevStack {
  private final Path stateDir;
  private final DevPorts ports;
  private final MongoBackend mongoBackend;
  private final StackPieces pieces;
  private final Map<String, String> workerEnv = new LinkedHashMap<>();
  private Path workerConfigOverride;
  private Consumer<String> out = System.out::println;

  private DevStack(
      Path home, Path stateDir, DevPorts ports, boolean mongoInMemory, MongoBackend backend) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.ports = ports;
    this.mongoBackend = backend;
    Consumer<String> say = line -> out.accept(line);
    this.pieces =
        new StackPieces(
            this.stateDir,
            home,
            ports,
            mongoInMemory,
            backend,
            this::workerConfig,
            () -> Map.copyOf(workerEnv),
            say);
  }

  /**
   * The stack of {@code ./bluegreen dev}: state in {@code <home>/.bluegreen/dev}, default ports,
   * and the MongoDB backend it last started (the emulator when none), so that {@code dev status}
   * and {@code dev down} find what {@code dev up --mongo ferretdb} started.
   */
  public static DevStack local(Path home) {
    Path stateDir = home.toAbsolutePath().normalize().resolve(".bluegreen").resolve("dev");
    return local(home, MongoBackendFile.read(stateDir).orElse(MongoBackend.EMULATOR));
  }

  /** The stack of {@code ./bluegreen dev} with the given MongoDB backend. */
  public static DevStack local(Path home, MongoBackend backend) {
    Path absolute = home.toAbsolutePath().normalize();
    return new DevStack(
        absolute,
        absolute.resolve(".bluegreen").resolve("dev"),
        DevPorts.defaults(),
        false,
        backend);
  }

  /**
   * A stack with its own state folder and ports, for tests that must not meet `dev up`'s stack.
   * Tools (the temporal CLI) are looked up in the home of {@link #defaultHome()}.
   */
  public static DevStack at(Path stateDir, DevPorts ports) {
    return at(stateDir, ports, MongoBackend.EMULATOR);
  }

  /** Like {@link #at(Path, DevPorts)}, on the given MongoDB backend. */
  public static DevStack at(Path stateDir, DevPorts ports, MongoBackend backend) {
    return new DevStack(defaultHome(), stateDir, ports, false, backend);
  }

  /** Like {@link #at(Path, DevPorts)}, with an explicit home and the emulator in memory or not. */
  public static DevStack at(Path home, Path stateDir, DevPorts ports, boolean mongoInMemory) {
    return new DevStack(
        home.toAbsolutePath().normalize(), stateDir, ports, mongoInMemory, MongoBackend.EMULATOR);
  }

  /** With an explicit home, on {@code backend} (the emulator in memory). */
  public static DevStack at(Path home, Path stateDir, DevPorts ports, MongoBackend backend) {
    return new DevStack(home.toAbsolutePath().normalize(), stateDir, ports, true, backend);
  }

  /** The bluegreen home holding the launcher and its tools: see {@link DevHome#find()}. */
  public static Path defaultHome() {
    return DevHome.find();
  }

  /** Where progress lines go (default: standard output). */
  public DevStack output(Consumer<String> sink) {
    this.out = sink;
    return this;
  }

  /** Extra environment for the worker process (e.g. credentials the tests put in URIs). */
  public DevStack withWorkerEnv(Map<String, String> env) {
    workerEnv.putAll(env);
    return this;
  }

  /**
   * The emulator's -Xmx (default: half the machine's memory), for data sets larger than the demo's.
   * FerretDB keeps its data on disk and has no such limit.
   */
  public DevStack withMongoHeap(String heap) {
    if (pieces.mongo instanceof MongoPiece emulator) {
      emulator.heap(heap);
    }
    return this;
  }

  public MongoBackend mongoBackend() {
    return mongoBackend;
  }

  /** A worker configuration to use instead of the generated one naming the local connections. */
  public DevStack withWorkerConfig(Path config) {
    this.workerConfigOverride = config.toAbsolutePath().normalize();
    return this;
  }

  /**
   * Starts what is not running (idempotent); with {@code withWorker}, also the worker. A port held
   * by a process this stack did not start fails the call, before anything is started.
   */
  public void up(boolean withWorker) {
    StateFolder.underLock(stateDir, () -> upLocked(withWorker));
  }

  private void upLocked(boolean withWorker) {
    MongoBackendFile.read(stateDir)
        .filter(running -> running != mongoBackend && pieces.mongo.process().isPresent())
        .ifPresent(
            running -> {
              throw new DevStackException(
                  "the local stack runs MongoDB backend '"
                      + running
                      + "', not '"
                      + mongoBackend
                      + "': run `./bluegreen dev down` first");
            });
    List<String> conflicts = pieces.conflicts();
    if (!conflicts.isEmpty()) {
      throw new DevStackException(String.join("; ", conflicts));
    }
    MongoBackendFile.write(stateDir, mongoBackend);
    for (Piece piece : pieces.servers()) {
      piece.ensureUp();
    }
    if (withWorker) {
      startWorkerLocked();
    }
  }

  /** Stops the worker first (so it sees no server vanish under it), then the servers. */
  public void down() {
    StateFolder.underLock(
        stateDir,
        () -> {
          pieces.worker.stop();
          pieces.redis.stop();
          pieces.mongo.stop();
          pieces.temporal.stop();
        });
  }

  /** Stops everything and deletes the state folder: the next {@link #up} starts empty. */
  public void reset() {
    down();
    StateFolder.delete(stateDir);
    out.accept("deleted " + stateDir);
  }

  /** Each piece with its process id, address and whether it answers. */
  public List<PieceStatus> status() {
    List<PieceStatus> statuses = new ArrayList<>();
    for (Piece piece : pieces.servers()) {
      statuses.add(piece.status());
    }
    statuses.add(pieces.worker.status());
    return statuses;
  }

  /** Starts the worker unless it runs; writes the generated configuration first. */
  public void startWorker() {
    StateFolder.underLock(stateDir, this::startWorkerLocked);
  }

  private void startWorkerLocked() {
    if (workerConfigOverride == null) {
      WorkerConfigFile.write(generatedWorkerConfig(), mongoUri(), redisUri());
    }
    pieces.worker.ensureUp();
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  public void stopWorker() {
    pieces.worker.stop();
  }

  /** SIGKILL: a crashed worker, for the tests that prove a deployment survives one. */
  public void killWorker() {
    pieces.worker.kill();
  }

  public void startTemporal() {
    pieces.temporal.ensureUp();
  }

  public void stopTemporal() {
    pieces.temporal.stop();
  }

  public void startMongo() {
    MongoBackendFile.write(stateDir, mongoBackend);
    pieces.mongo.ensureUp();
  }

  public void stopMongo() {
    pieces.mongo.stop();
  }

  /** SIGKILL the MongoDB process: a crash of the database. */
  public void killMongo() {
    pieces.mongo.kill();
  }

  public void startRedis() {
    pieces.redis.ensureUp();
  }

  public void stopRedis() {
    pieces.redis.stop();
  }

  /** SIGKILL the Redis process: a crash of the database. */
  public void killRedis() {
    pieces.redis.kill();
  }

  /**
   * The pid of a running piece ({@code temporal}, {@code mongodb}, {@code redis}, {@code worker}).
   */
  public Optional<Long> pid(String piece) {
    return pieces.named(piece).process().map(ProcessHandle::pid);
  }

  public Path stateDir() {
    return stateDir;
  }

  public DevPorts ports() {
    return ports;
  }

  public Path workerLog() {
    return pieces.worker.log();
  }

  public Path log(String piece) {
    return pieces.named(piece).log();
  }

  public String temporalAddress() {
    return pieces.temporal.address();
  }

  public String temporalUiUrl() {
    return "http://" + ProcessSupervisor.LOOPBACK + ":" + ports.temporalUi();
  }

  public String mongoUri() {
    return pieces.mongo.address();
  }

  public String redisUri() {
    return pieces.redis.address();
  }

  /** The worker configuration file naming the connections {@code local}. */
  public Path workerConfig() {
    return workerConfigOverride != null ? workerConfigOverride : generatedWorkerConfig();
  }

  private Path generatedWorkerConfig() {
    return stateDir.resolve("worker.json");
  }
}
