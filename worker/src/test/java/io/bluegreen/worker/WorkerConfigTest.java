package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkerConfigTest {
  @TempDir Path dir;
  final Map<String, String> env = Map.of("REDIS_PW", "s3cr3t-redis", "MONGO_PW", "s3cr3t-mongo");

  Path write(String json) throws Exception {
    Path f = dir.resolve("worker.json");
    Files.writeString(f, json);
    return f;
  }

  WorkerConfig load(Path f) {
    return WorkerConfig.load(f, env::get);
  }

  String error(Path f) {
    WorkerConfigException e = assertThrows(WorkerConfigException.class, () -> load(f));
    assertFalse(
        e.getMessage().contains("s3cr3t") || e.getMessage().contains("hunter2"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void readsNamedConnectionsAndExpandsEnvironmentVariables() throws Exception {
    WorkerConfig c =
        load(
            write(
                """
                {"mongo": {"local": {"uri": "mongodb://127.0.0.1:27017"},
                           "prod": {"uri": "mongodb://app:${MONGO_PW}@db1:27017,db2:27017/?replicaSet=rs0"}},
                 "redis": {"local": "redis://:${REDIS_PW}@127.0.0.1:6379"}}
                """));
    assertEquals("mongodb://127.0.0.1:27017", c.mongo().get("local"));
    assertEquals(
        "mongodb://app:s3cr3t-mongo@db1:27017,db2:27017/?replicaSet=rs0", c.mongo().get("prod"));
    assertEquals("redis://:s3cr3t-redis@127.0.0.1:6379", c.redis().get("local"));
    assertFalse(c.toString().contains("s3cr3t"), c.toString());
    try (Connections conns = c.toConnections()) {
      assertEquals("db1:27017,db2:27017", conns.mongoServerKey("prod"));
      assertTrue(conns.secrets().passwords().contains("s3cr3t-redis"));
      assertTrue(conns.secrets().passwords().contains("s3cr3t-mongo"));
    }
  }

  @Test
  void apiConnectionsLogInWithAStaticTokenAUserOrOAuthClientCredentials() throws Exception {
    WorkerConfig c =
        load(
            write(
                """
        {"mongo": {"m": "mongodb://h"},
         "api": {"static": {"url": "https://blue:3443", "token": "${MONGO_PW}"},
                 "login":  {"url": "https://blue:3443", "user": "bluegreen", "password": "${REDIS_PW}"},
                 "oauth":  {"url": "https://green:3443", "clientId": "bg", "clientSecret": "${MONGO_PW}"}}}
        """));
    assertEquals(ApiEndpoint.Auth.STATIC_TOKEN, c.api().get("static").auth());
    assertEquals(ApiEndpoint.Auth.LOGIN, c.api().get("login").auth());
    assertEquals("s3cr3t-redis", c.api().get("login").password());
    assertEquals(ApiEndpoint.Auth.OAUTH, c.api().get("oauth").auth());
    assertFalse(c.api().toString().contains("s3cr3t"), c.api().toString());
    Connections connections = c.toConnections();
    assertEquals("*** and ***", connections.secrets().scrub("s3cr3t-redis and s3cr3t-mongo"));

    assertEquals(
        dir.resolve("worker.json")
            + ": api.x names more than one way to log in: keep one of token; user and password;"
            + " clientId and clientSecret",
        error(
            write(
                "{\"mongo\": {\"m\": \"mongodb://h\"}, \"api\": {\"x\": {\"url\": \"https://b\", \"token\": \"t\", \"user\": \"u\", \"password\": \"p\"}}}")));
    assertEquals(
        dir.resolve("worker.json") + ": api.x needs both user and password for POST /login",
        error(
            write(
                "{\"mongo\": {\"m\": \"mongodb://h\"}, \"api\": {\"x\": {\"url\": \"https://b\", \"user\": \"u\"}}}")));
    assertTrue(
        error(
                write(
                    "{\"mongo\": {\"m\": \"mongodb://h\"}, \"api\": {\"x\": {\"url\": \"https://b\", \"pasword\": \"hunter2\"}}}"))
            .contains("unknown field \"api.x.pasword\""));
  }

  @Test
  void aMissingFileIsNamed() {
    String m = error(dir.resolve("nope.json"));
    assertTrue(m.contains("nope.json") && m.contains("not found"), m);
  }

  @Test
  void badJsonGivesThePositionButNotTheText() throws Exception {
    String m =
        error(write("{\"mongo\": {\"local\": {\"uri\": \"mongodb://u:hunter2@h\"}\n  hunter2 }"));
    assertTrue(
        m.contains("worker.json") && m.contains("not valid JSON") && m.contains("line 2"), m);
  }

  @Test
  void aMissingUriNamesTheField() throws Exception {
    String m = error(write("{\"mongo\": {\"local\": {\"url\": \"mongodb://h\"}}}"));
    assertTrue(m.contains("mongo.local.uri is missing") && m.contains("worker.json"), m);
  }

  @Test
  void anUnsetVariableIsNamed() throws Exception {
    String m = error(write("{\"mongo\": {\"local\": {\"uri\": \"mongodb://u:${NOT_SET}@h\"}}}"));
    assertTrue(m.contains("mongo.local.uri uses ${NOT_SET}") && m.contains("not set"), m);
  }

  @Test
  void theEncryptionSectionIsReadWithTheRestOfTheFile() throws Exception {
    assertTrue(load(write("{\"mongo\": {\"a\": \"mongodb://h\"}}")).encryption().isEmpty());
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    WorkerConfig keyed =
        WorkerConfig.load(
            write(
                "{\"mongo\": {\"a\": \"mongodb://h\"},"
                    + " \"encryption\": {\"currentKeyId\": \"k1\", \"keys\": {\"k1\": \"${BG_KEY}\"}}}"),
            name -> name.equals("BG_KEY") ? key : null);
    assertEquals("k1", keyed.encryption().orElseThrow().keys().currentKeyId());
  }

  @Test
  void theStateDatabaseDefaultsToBluegreenStateAndCanBeNamed() throws Exception {
    WorkerConfig plain = load(write("{\"mongo\": {\"a\": \"mongodb://h\"}}"));
    assertEquals("bluegreen_state", plain.stateDatabase());
    WorkerConfig named =
        load(write("{\"mongo\": {\"a\": \"mongodb://h\"}, \"state\": {\"database\": \"bg_ops\"}}"));
    assertEquals("bg_ops", named.stateDatabase());
    try (Connections conns = named.toConnections()) {
      assertEquals("bg_ops", conns.stateDatabase());
    }
    assertTrue(
        error(
                write(
                    "{\"mongo\": {\"a\": \"mongodb://h\"}, \"state\": {\"database\": \"bad.name\"}}"))
            .contains("state.database 'bad.name' contains '.'"));
    assertTrue(
        error(write("{\"mongo\": {\"a\": \"mongodb://h\"}, \"state\": {\"db\": \"x\"}}"))
            .contains("unknown field \"state.db\""));
  }

  @Test
  void unknownFieldsAndEmptyMongoAreRefused() throws Exception {
    assertTrue(
        error(write("{\"mongo\": {\"a\": \"mongodb://h\"}, \"redi\": {}}"))
            .contains("unknown field \"redi\""));
    assertTrue(
        error(write("{\"redis\": {\"a\": \"redis://h\"}}"))
            .contains("\"mongo\" defines no connections"));
  }

  @Test
  void aMalformedUriIsNamedWithoutEchoingIt() throws Exception {
    WorkerConfig c =
        load(
            write(
                "{\"mongo\": {\"m\": \"mongodb://h\"}, \"redis\": {\"cache\": \"http://u:${REDIS_PW}@h\"}}"));
    WorkerConfigException e = assertThrows(WorkerConfigException.class, c::toConnections);
    assertTrue(e.getMessage().contains("'cache'"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }

  @Test
  void configPathComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    assertEquals(
        Path.of("a.json"), WorkerMain.configPath(new String[] {"--config", "a.json"}, "b.json"));
    assertEquals(Path.of("a.json"), WorkerMain.configPath(new String[] {"--config=a.json"}, null));
    assertEquals(Path.of("b.json"), WorkerMain.configPath(new String[] {}, "b.json"));
    assertEquals(Path.of("bluegreen-worker.json"), WorkerMain.configPath(new String[] {}, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> WorkerMain.configPath(new String[] {"--config"}, null));
    assertThrows(
        IllegalArgumentException.class, () -> WorkerMain.configPath(new String[] {"--nope"}, null));
  }
}
