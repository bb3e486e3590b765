package io.bluegreen.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack on FerretDB: it serves, it is recorded, and another backend is refused while it runs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MongoBackendChoiceTest {
  @TempDir Path stateDir;
  private DevStack stack;

  @AfterEach
  void tearDown() {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void ferretDbServesIsRecordedAndTheOtherBackendIsRefusedWhileItRuns() {
    DevPorts ports = DevPorts.free();
    stack = DevStack.at(stateDir, ports, MongoBackend.FERRETDB).output(line -> {});
    stack.startMongo();
    try (MongoClient client = MongoClients.create(stack.mongoUri())) {
      client
          .getDatabase("itential")
          .getCollection("workflows")
          .insertOne(new Document("_id", "wf-1"));
      assertEquals(1, client.getDatabase("itential").getCollection("workflows").countDocuments());
      Document build = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
      assertTrue(
          String.valueOf(build.get("ferretdb")).contains("v1.24.2")
              || build.toJson().contains("1.24.2"),
          "FerretDB 1.24.2 answers: " + build.toJson());
    }
    assertEquals(MongoBackend.FERRETDB, MongoBackendFile.read(stack.stateDir()).orElseThrow());
    PieceStatus mongo =
        stack.status().stream().filter(p -> p.piece().equals("mongodb")).findFirst().orElseThrow();
    assertTrue(
        mongo.running() && mongo.note().startsWith("FerretDB v1.24.2 (SQLite)"), mongo.toString());

    DevStackException refused =
        assertThrows(
            DevStackException.class,
            () -> DevStack.at(stateDir, ports, MongoBackend.EMULATOR).output(line -> {}).up(false));
    assertTrue(
        refused.getMessage().contains("runs MongoDB backend 'ferretdb', not 'emulator'")
            && refused.getMessage().contains("dev down"),
        refused.getMessage());
    assertEquals(
        MongoBackend.FERRETDB, MongoBackend.parse("FerretDB"), "names are case-insensitive");
    DevStackException unknown =
        assertThrows(DevStackException.class, () -> MongoBackend.parse("mongod"));
    assertTrue(
        unknown.getMessage().contains("use one of emulator, ferretdb"), unknown.getMessage());
  }
}
