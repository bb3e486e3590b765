package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.connections.ConnectionSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS, authentication and trusted-request settings of the worker configuration. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SecurityConfigTest {
  @TempDir Path dir;
  final Map<String, String> env = Map.of("MONGO_PW", "s3cr3t-mongo", "CA", "/nonexistent/ca.pem");

  private WorkerConfig load(String json) throws Exception {
    Path f = dir.resolve("worker.json");
    Files.writeString(f, json.replace("DIR", dir.toString()));
    return WorkerConfig.load(f, env::get);
  }

  private String error(String json) {
    WorkerConfigException e = assertThrows(WorkerConfigException.class, () -> load(json));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void connectionsCarryUserPasswordFromTheEnvironmentAndTlsFiles() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "pem");
    WorkerConfig c =
        load(
            """
        {"mongo": {"prod": {"uri": "mongodb://db:27017/?tls=true", "username": "bluegreen", "password": "${MONGO_PW}",
                            "caFile": "DIR/ca.pem"}},
         "redis": {"prod": {"uri": "rediss://redis:6380", "username": "deployer", "password": "${MONGO_PW}",
                            "caFile": "DIR/ca.pem"}},
         "http": {"allowedUrls": ["https://green.example.com:3443/health", "https://lb.example.com/"],
                  "maxResponseBytes": 4096, "caFile": "DIR/ca.pem"},
         "traffic": {"redis": ["prod"], "keyPrefix": "bluegreen:"}}
        """);
    ConnectionSettings mongo = c.mongoSettings().get("prod");
    assertEquals("bluegreen", mongo.username());
    assertEquals("s3cr3t-mongo", mongo.password());
    assertEquals(dir.resolve("ca.pem"), mongo.tls().caFile());
    assertFalse(mongo.toString().contains("s3cr3t"), mongo.toString());
    assertEquals(
        List.of(
            URI.create("https://green.example.com:3443/health"),
            URI.create("https://lb.example.com/")),
        c.policy().allowedUrls());
    assertEquals(4096, c.policy().maxResponseBytes());
    assertEquals(Set.of("prod"), c.policy().trafficRedis());
    assertEquals("bluegreen:", c.policy().trafficKeyPrefix());
    assertEquals(dir.resolve("ca.pem"), c.httpTls().caFile());
  }

  @Test
  void withoutTheSectionsEverythingIsAsBefore() throws Exception {
    WorkerConfig c = load("{\"mongo\": {\"local\": \"mongodb://127.0.0.1:27017\"}}");
    assertNull(c.policy().allowedUrls(), "no allowlist: the worker warns at start");
    assertNull(c.policy().trafficKeyPrefix());
    assertFalse(c.mongoSettings().get("local").tls().custom());
  }

  @Test
  void mistakesNameTheFieldAndWhatToDo() {
    assertTrue(
        error("{\"mongo\": {\"p\": {\"uri\": \"mongodb://h\", \"caFile\": \"${CA}\"}}}")
            .contains("mongo.p.caFile /nonexistent/ca.pem is not a readable file"));
    assertTrue(
        error("{\"mongo\": {\"p\": {\"uri\": \"mongodb://h\", \"password\": \"${MONGO_PW}\"}}}")
            .contains("mongo.p.password needs mongo.p.username"));
    assertTrue(
        error("{\"mongo\": {\"p\": {\"uri\": \"mongodb://h\", \"tlsCAFile\": \"x\"}}}")
            .contains("unknown field \"mongo.p.tlsCAFile\""));
    assertTrue(
        error("{\"mongo\": {\"p\": \"mongodb://h\"}, \"traffic\": {\"redis\": [\"nope\"]}}")
            .contains("traffic.redis names 'nope', which is not a connection of \"redis\""));
    assertTrue(
        error(
                "{\"mongo\": {\"p\": \"mongodb://h\"}, \"http\": {\"allowedUrls\": [\"https://u:p@h/\"]}}")
            .contains("without credentials"));
    // Checked when the worker builds its connections, at start.
    WorkerConfigException insecure =
        assertThrows(
            WorkerConfigException.class,
            () ->
                load("{\"mongo\": {\"p\": {\"uri\": \"mongodb://h/?tlsInsecure=true\"}}}")
                    .toConnections());
    assertTrue(insecure.getMessage().contains("allowInsecure"), insecure.getMessage());
  }
}
