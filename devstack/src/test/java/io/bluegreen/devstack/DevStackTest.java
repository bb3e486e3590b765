package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Real processes on random free ports, so a running `dev up` stack is never touched. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DevStackTest {
  @TempDir Path stateDir;
  private DevStack stack;

  /** The executable of a running process, as the OS reports it. */
  private static String command(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().command())
        .orElseThrow(() -> new AssertionError("no command for pid " + pid));
  }

  @AfterEach
  void tearDown() {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void upStartsEachServerInItsOwnProcessKeepsDataAcrossACrashAndDownStopsAll() throws Exception {
    stack = DevStack.at(stateDir, DevPorts.free());
    stack.up(false);

    Map<String, Long> pids = serverPids();
    long self = ProcessHandle.current().pid();
    assertEquals(3, new HashSet<>(pids.values()).size(), "three distinct processes: " + pids);
    pids.values().forEach(pid -> assertNotEquals(self, pid, "a piece runs inside the test JVM"));
    assertTrue(stack.pid("worker").isEmpty(), "up(false) must not start a worker");

    assertTemporalNamespaceAnswers();
    try (MongoClient client = MongoClients.create(stack.mongoUri())) {
      client
          .getDatabase("itential")
          .getCollection("workflows")
          .insertOne(new Document("_id", "wf-1").append("name", "Blue workflow"));
    }
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      assertEquals("OK", jedis.set("bluegreen:active", "blue"));
    }

    // Idempotent: nothing new starts while everything runs.
    stack.up(false);
    assertEquals(pids, serverPids());

    // A crashed database comes back with its data: SIGKILL, not a polite shutdown.
    stack.killMongo();
    stack.killRedis();
    assertFalse(ProcessHandle.of(pids.get("mongodb")).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(stack.pid("mongodb").isEmpty());
    stack.up(false);
    Map<String, Long> after = serverPids();
    assertEquals(pids.get("temporal"), after.get("temporal"), "temporal must not be restarted");
    assertNotEquals(pids.get("mongodb"), after.get("mongodb"));
    assertNotEquals(pids.get("redis"), after.get("redis"));
    try (MongoClient client = MongoClients.create(stack.mongoUri())) {
      MongoCollection<Document> workflows =
          client.getDatabase("itential").getCollection("workflows");
      Document found = workflows.find(new Document("_id", "wf-1")).first();
      assertNotNull(found, "the document written before the crash is gone");
      assertEquals("Blue workflow", found.get("name"));
    }
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      assertEquals("blue", jedis.get("bluegreen:active"));
    }

    List<PieceStatus> status = stack.status();
    assertEquals(
        List.of("temporal", "mongodb", "redis", "worker"),
        status.stream().map(PieceStatus::piece).collect(Collectors.toList()));
    for (PieceStatus piece : status.subList(0, 3)) {
      assertTrue(piece.running(), piece.toString());
      assertEquals(after.get(piece.piece()), piece.pid(), piece.toString());
    }
    assertEquals(stack.temporalAddress(), status.get(0).address());
    // The note must say what really runs: the expectation comes from the running process itself
    // (its executable, as the OS reports it), not from the code that chose and described it.
    String temporalCommand = command(after.get("temporal"));
    boolean realCli = Path.of(temporalCommand).getFileName().toString().equals("temporal");
    assertTrue(
        realCli || Path.of(temporalCommand).getFileName().toString().startsWith("java"),
        temporalCommand);
    String expected = realCli ? "temporal dev server" : "Java test server";
    assertTrue(
        status.get(0).note().contains(expected), temporalCommand + ": " + status.get(0).note());
    assertTrue(status.get(1).note().contains("mongo-java-server"), status.get(1).note());
    assertEquals(stack.mongoUri(), status.get(1).address());
    assertEquals(stack.redisUri(), status.get(2).address());
    // The note names the redis-server binary that runs (Debian's redis-server is a link to
    // redis-check-rdb, the name the OS reports, so both sides are compared as real paths), and says
    // "embedded-redis binary" exactly when that binary is none of the redis-servers on PATH.
    Path running = Path.of(command(after.get("redis"))).toRealPath();
    String redisNote = status.get(2).note().trim();
    boolean saysEmbedded = redisNote.startsWith("embedded-redis binary ");
    String binary =
        saysEmbedded ? redisNote.substring("embedded-redis binary ".length()) : redisNote;
    // "<binary>, append-only file in <dir>"
    Path named =
        Path.of(binary.contains(", ") ? binary.substring(0, binary.indexOf(", ")) : binary);
    assertEquals(running, named.toRealPath(), redisNote);
    boolean onPath = false;
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      onPath |= Files.isExecutable(candidate) && candidate.toRealPath().equals(running);
    }
    assertEquals(!onPath, saysEmbedded, redisNote);
    assertFalse(status.get(3).running());
    assertEquals(-1, status.get(3).pid());

    stack.down();
    for (Map.Entry<String, Long> piece : after.entrySet()) {
      assertFalse(
          ProcessHandle.of(piece.getValue()).map(ProcessHandle::isAlive).orElse(false),
          piece.getKey() + " still alive after down");
    }
    assertTrue(stack.status().stream().noneMatch(PieceStatus::running));
    assertFalse(ProcessSupervisor.portAnswers(stack.ports().temporal()));
    assertFalse(ProcessSupervisor.portAnswers(stack.ports().mongo()));
    assertFalse(ProcessSupervisor.portAnswers(stack.ports().redis()));
    // down keeps the data for the next up; reset removes it.
    assertTrue(Files.exists(stateDir.resolve("mongodb.h2")));
    if (realCli) {
      assertTrue(Files.exists(stateDir.resolve("temporal.db")));
    }
    stack.reset();
    assertFalse(Files.exists(stateDir));
  }

  @Test
  void aPortHeldByAnotherProcessFailsUpWithOneLineAndStartsNothing() throws Exception {
    DevPorts ports = DevPorts.free();
    stack = DevStack.at(stateDir, ports);
    try (ServerSocket squatter =
        new ServerSocket(ports.mongo(), 50, InetAddress.getLoopbackAddress())) {
      DevStackException e = assertThrows(DevStackException.class, () -> stack.up(false));
      assertTrue(e.getMessage().contains("port " + ports.mongo()), e.getMessage());
      assertTrue(e.getMessage().contains("mongodb"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(stack.status().stream().noneMatch(PieceStatus::running));
      assertTrue(stack.pid("temporal").isEmpty(), "temporal started despite the conflict");
    }
  }

  @Test
  void theWorkerConfigurationNamesBothConnectionsLocal() throws Exception {
    stack = DevStack.at(stateDir, DevPorts.free());
    WorkerConfigFile.write(stack.workerConfig(), stack.mongoUri(), stack.redisUri());
    String json = Files.readString(stack.workerConfig());
    assertTrue(
        json.replaceAll("\\s", "")
            .contains("\"mongo\":{\"local\":{\"uri\":\"" + stack.mongoUri() + "\"}}"),
        json);
    assertTrue(
        json.replaceAll("\\s", "")
            .contains("\"redis\":{\"local\":{\"uri\":\"" + stack.redisUri() + "\"}}"),
        json);
  }

  private Map<String, Long> serverPids() {
    Map<String, Long> pids = new TreeMap<>();
    for (String piece : List.of("temporal", "mongodb", "redis")) {
      pids.put(
          piece, stack.pid(piece).orElseThrow(() -> new AssertionError(piece + " has no pid")));
    }
    return pids;
  }

  private void assertTemporalNamespaceAnswers() throws InterruptedException {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
    try {
      assertEquals(
          "default",
          stubs
              .blockingStub()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
              .getNamespaceInfo()
              .getName());
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
