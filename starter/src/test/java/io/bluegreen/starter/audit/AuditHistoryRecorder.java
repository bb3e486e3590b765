package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CopyMetrics;
import io.bluegreen.devstack.DevPorts;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.worker.BlueGreenWorker;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records the histories {@link AuditOutcomesTest} audits, from the real workflow and the real
 * activities (real MongoDB driver against an in-process mongo-java-server, a real redis-server) on
 * Temporal's in-process test server: one deployment per outcome. Re-record after a change to the
 * workflow (new activities, Updates), from the repository root:
 *
 * <pre>
 * mvn -B -q -pl starter -am install -DskipTests
 * mvn -B -q -pl starter dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp starter/target/test-classes:starter/target/classes:$(cat starter/target/cp.txt) \
 *     io.bluegreen.starter.audit.AuditHistoryRecorder starter/src/test/resources/histories/audit
 * </pre>
 *
 * Operator decisions go as Temporal Updates when the workflow has handlers for them, else as
 * signals (the file name says which: {@code <outcome>-updates.json} or {@code -signals.json}), so
 * older recordings stay beside the new ones as fixtures of older history versions.
 */
public final class AuditHistoryRecorder implements AutoCloseable {
  static final String[] OUTCOMES = {"completed", "rolled-back", "aborted", "failed", "cancelled"};
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final MongoServer mongo;
  private final String mongoUri;
  private final int redisPort;
  private final Process redis;
  private final Connections connections;
  private boolean usedUpdates;

  public AuditHistoryRecorder() throws Exception {
    mongo = new MongoServer(new MemoryBackend());
    InetSocketAddress a = mongo.bind();
    mongoUri = "mongodb://127.0.0.1:" + a.getPort();
    redisPort = DevPorts.free().redis();
    redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(redisPort);
    connections =
        new Connections(
            Map.of("local", mongoUri), Map.of("local", "redis://127.0.0.1:" + redisPort));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "starter/src/test/resources/histories/audit");
    Files.createDirectories(dir);
    try (AuditHistoryRecorder recorder = new AuditHistoryRecorder()) {
      for (String outcome : OUTCOMES) {
        String json = recorder.record(outcome);
        Path file =
            dir.resolve(outcome + (recorder.usedUpdates ? "-updates" : "-signals") + ".json");
        Files.writeString(file, json);
        System.out.println("recorded " + file);
      }
    }
  }

  /** Runs one deployment to the outcome and returns its history as Temporal's JSON. */
  String record(String outcome) throws Exception {
    return record(outcome, 60, 25).toJson(true);
  }

  /**
   * Runs one deployment of a Blue seeded with {@code documents} resource documents, copied in
   * batches of {@code batchSize}, to the outcome, and returns its history.
   */
  WorkflowExecutionHistory record(String outcome, int documents, int batchSize) throws Exception {
    String blueDb = "audit_" + outcome.replace('-', '_') + (documents == 60 ? "" : "_" + documents);
    String greenDb = blueDb + "_green";
    try (MongoClient client = MongoClients.create(mongoUri)) {
      new DemoPlatform(documents, "127.0.0.1", redisPort).seed(client, blueDb, greenDb);
      // The platform's running jobs finish before the cutover, so the drain does not wait.
      client
          .getDatabase(blueDb)
          .getCollection("jobs")
          .updateMany(Filters.eq("status", "running"), Updates.set("status", "complete"));
    }
    connections.redis("local", 0).flushAll();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute(
          SearchAttributes.PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(
          SearchAttributes.DEPLOYMENT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      BlueGreenWorker.register(
          env.newWorker(TaskQueues.BLUE_GREEN),
          env.newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN)),
          connections,
          CopyMetrics.NONE);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String id = "bluegreen-" + blueDb;
      // Started exactly as `./bluegreen start` starts a deployment, search attributes included.
      StartCommand.start(
          client,
          Json.MAPPER.treeToValue(
              request(outcome, blueDb, greenDb, batchSize), DeploymentRequest.class),
          id);
      WorkflowStub wf = client.newUntypedWorkflowStub(id);
      if (!outcome.equals("failed")) {
        await(wf, "AWAITING_APPROVAL");
        // Out of phase: the workflow refuses it and says why; every recording shows one refusal.
        decide(wf, "rollback", "too early, on purpose");
        switch (outcome) {
          case "aborted" -> decide(wf, "abort", "change window closed");
          case "cancelled" -> wf.cancel();
          default -> {
            decide(wf, "approveCutover", "checks passed");
            await(wf, "LIVE");
            decide(
                wf,
                outcome.equals("completed") ? "finalize" : "rollback",
                outcome.equals("completed") ? "Green is good" : "Green misbehaves");
          }
        }
      }
      try {
        wf.getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, JsonNode.class);
      } catch (RuntimeException closedOtherwise) {
        // FAILED and cancelled runs end without a result; their history is what we want.
      }
      return client.fetchHistory(id);
    }
  }

  private static ObjectNode request(String outcome, String blueDb, String greenDb, int batchSize) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("deployment", "audit-" + outcome);
    r.set("blue", platform(blueDb, 0, outcome.equals("failed") ? "no-such-profile" : "blue"));
    r.set("green", platform(greenDb, 1, "green"));
    r.putObject("copy").put("batchSize", batchSize).put("parallelCollections", 2);
    // No Itential API here: the profile's switch fields are named, and the traffic key has a db of
    // its own.
    r.putObject("switches").put("startJobs", "startJobs").put("taskWorker", "taskWorker");
    r.putObject("cutover").put("trafficRedisDb", 5);
    return r;
  }

  private static ObjectNode platform(String db, int redisDb, String profile) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("mongo", "local")
        .put("database", db)
        .put("redis", "local")
        .put("redisDb", redisDb)
        .put("profile", profile);
    return p;
  }

  /** An Update when the workflow has a handler for it (its answer is in history), else a signal. */
  private void decide(WorkflowStub wf, String name, String reason) {
    ObjectNode arg = Json.MAPPER.createObjectNode().put("by", "recorder").put("reason", reason);
    try {
      wf.update(name, JsonNode.class, arg);
      usedUpdates = true;
    } catch (WorkflowUpdateException e) {
      if (usedUpdates) {
        throw e;
      }
      // No handler of that name: this workflow takes decisions only as signals.
      wf.signal(name, arg);
    }
  }

  private static void await(WorkflowStub wf, String phase) throws InterruptedException {
    awaitStatus(wf, s -> s.phase() != null && s.phase().name().equals(phase), phase);
  }

  private static void awaitStatus(WorkflowStub wf, Predicate<DeploymentStatus> done, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    DeploymentStatus last = null;
    while (Instant.now().isBefore(deadline)) {
      last = wf.query("status", DeploymentStatus.class);
      if (done.test(last)) {
        return;
      }
      Thread.sleep(50); // polling a query: there is nothing to block on
    }
    throw new IllegalStateException("deployment never reached " + what + "; last status " + last);
  }

  private static void awaitPort(int port) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  @Override
  public void close() throws Exception {
    connections.close();
    mongo.shutdownNow();
    redis.destroy();
    redis.waitFor();
  }
}
