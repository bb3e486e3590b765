package io.bluegreen.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.bluegreen.devstack.DevPorts;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.Deployments;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.RawBsonDocument;

/**
 * One real local stack for a test class: the temporal dev server, the MongoDB-wire server and Redis
 * in their own processes on free ports, and a worker process. Nothing here is faked.
 */
final class LocalStackFixture implements AutoCloseable {
  final DevStack stack;
  final MongoClient mongo;
  final WorkflowServiceStubs service;
  final WorkflowClient client;

  LocalStackFixture(Path stateDir) throws IOException {
    this(stateDir, s -> s);
  }

  /** A stack whose MongoDB-wire server is {@code backend} (the emulator or FerretDB). */
  LocalStackFixture(Path stateDir, MongoBackend backend) throws IOException {
    this(stateDir, backend, s -> s, true);
  }

  /**
   * @param configure adjusts the stack (e.g. its worker configuration) before it starts
   */
  LocalStackFixture(Path stateDir, UnaryOperator<DevStack> configure) throws IOException {
    this(stateDir, MongoBackend.EMULATOR, configure, true);
  }

  /** Without the worker, for tests that configure it (password, own config) before starting it. */
  LocalStackFixture(Path stateDir, boolean withWorker) throws IOException {
    this(stateDir, MongoBackend.EMULATOR, s -> s, withWorker);
  }

  private LocalStackFixture(
      Path stateDir, MongoBackend backend, UnaryOperator<DevStack> configure, boolean withWorker)
      throws IOException {
    stack =
        configure.apply(
            DevStack.at(stateDir, DevPorts.free(), backend)
                .output(line -> System.out.println("[stack] " + line)));
    stack.up(withWorker);
    mongo = MongoClients.create(stack.mongoUri());
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
    client = WorkflowClient.newInstance(service);
  }

  /** Starts a deployment through the shared {@link Deployments} driver, as the CLI starts one. */
  BlueGreenDeploymentWorkflow start(String workflowId, DeploymentRequest request) {
    return Deployments.start(
        client,
        workflowId,
        WorkflowOptions.newBuilder().setWorkflowRunTimeout(Duration.ofDays(30)),
        request);
  }

  /** Awaits {@code condition} through the status query, with a real stack's bounds. */
  static DeploymentStatus await(
      BlueGreenDeploymentWorkflow wf, Duration timeout, Predicate<DeploymentStatus> condition)
      throws InterruptedException {
    return Deployments.await(wf, timeout, Duration.ofMillis(200), condition);
  }

  static DeploymentStatus awaitPhase(BlueGreenDeploymentWorkflow wf, Phase phase)
      throws InterruptedException {
    return await(wf, Duration.ofMinutes(3), s -> s.phase() == phase);
  }

  /**
   * SHA-256 over every document's raw BSON in _id order: equal digests mean identical collections.
   */
  String digest(String database, String collection) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    MongoCollection<RawBsonDocument> c =
        mongo.getDatabase(database).getCollection(collection, RawBsonDocument.class);
    for (RawBsonDocument d : c.find().sort(Sorts.ascending("_id"))) {
      sha.update(d.getByteBuffer().array(), 0, d.getByteBuffer().remaining());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  List<String> collections(String database) {
    List<String> names = new ArrayList<>();
    mongo.getDatabase(database).listCollectionNames().into(names);
    names.sort(null);
    return names;
  }

  @Override
  public void close() {
    try {
      service.shutdownNow();
      mongo.close();
    } finally {
      stack.down();
    }
  }

  static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /**
   * A stack whose worker also has Itential API connections: its configuration names the stack's
   * MongoDB and Redis as {@code local} and each of {@code apis} (connection name to its settings,
   * secrets written as {@code ${VAR}}), and its environment is {@code env}, where those secrets
   * are.
   */
  static LocalStackFixture withApis(
      String prefix, Map<String, Map<String, String>> apis, Map<String, String> env)
      throws IOException {
    Path state = tempDir(prefix);
    Path config = state.resolve("worker-with-api.json");
    return new LocalStackFixture(
        state,
        stack -> {
          Map<String, Object> json =
              Map.of(
                  "mongo", Map.of("local", Map.of("uri", stack.mongoUri())),
                  "redis", Map.of("local", Map.of("uri", stack.redisUri())),
                  "api", apis);
          try {
            Files.createDirectories(state);
            new ObjectMapper().writeValue(config.toFile(), json);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return stack.withWorkerConfig(config).withWorkerEnv(env);
        });
  }
}
