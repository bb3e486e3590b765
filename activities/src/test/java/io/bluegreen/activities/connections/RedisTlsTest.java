package io.bluegreen.activities.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.RealServers;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;

/**
 * A real redis-server that speaks only TLS, asks for a client certificate and knows one ACL user,
 * with a CA made for the test: the worker's Redis connection must verify the server against the
 * configured CA, present its own certificate, and log in as the ACL user.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisTlsTest {
  private static final String PASSWORD = "acl-s3cret-pw";
  @TempDir static Path dir;
  private static TestCertificates pki;
  private static Process redisServer;
  private static int port;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    pki = TestCertificates.generate(dir);
    port = RealServers.freePort();
    redisServer =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--port",
                    "0",
                    "--tls-port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--tls-cert-file",
                    pki.serverCert.toString(),
                    "--tls-key-file",
                    pki.serverKey.toString(),
                    "--tls-ca-cert-file",
                    pki.caCert.toString(),
                    "--tls-auth-clients",
                    "yes",
                    "--user",
                    "default",
                    "off",
                    "--user",
                    "deployer",
                    "on",
                    ">" + PASSWORD,
                    "~*",
                    "&*",
                    "+@all",
                    "--save",
                    "",
                    "--appendonly",
                    "no"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!redisServer.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "TLS redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (redisServer != null) {
      redisServer.destroyForcibly();
    }
  }

  private static Connections connections(
      String uri, String user, String password, TlsSettings tls) {
    return Connections.of(
        Map.of("local", ConnectionSettings.of("mongodb://127.0.0.1:1")),
        Map.of("tls", new ConnectionSettings(uri, user, password, tls)),
        Map.of());
  }

  @Test
  void mutualTlsWithTheConfiguredCaAndAnAclUserWorks() {
    TlsSettings tls = new TlsSettings(pki.caCert, pki.clientCert, pki.clientKey, false);
    try (Connections c = connections("rediss://127.0.0.1:" + port, "deployer", PASSWORD, tls)) {
      assertEquals("OK", c.redis("tls", 0).set("bluegreen:active", "blue"));
      assertEquals("blue", c.redis("tls", 0).get("bluegreen:active"));
      Object who = c.redis("tls", 0).sendCommand(Protocol.Command.ACL, "WHOAMI");
      assertEquals("deployer", new String((byte[]) who, StandardCharsets.UTF_8));
    }
    // The ACL user in the URI works the same.
    try (Connections c =
        connections("rediss://deployer:" + PASSWORD + "@127.0.0.1:" + port, null, null, tls)) {
      assertEquals("blue", c.redis("tls", 0).get("bluegreen:active"));
    }
  }

  @Test
  void withoutAClientCertificateAnUnknownCaOrTheWrongPasswordTheConnectionIsRefused() {
    try (Connections c =
        connections(
            "rediss://127.0.0.1:" + port,
            "deployer",
            PASSWORD,
            new TlsSettings(pki.caCert, null, null, false))) {
      assertThrows(
          RuntimeException.class,
          () -> c.redis("tls", 0).get("k"),
          "the server demands a client certificate");
    }
    try (Connections c =
        connections(
            "rediss://127.0.0.1:" + port,
            "deployer",
            PASSWORD,
            new TlsSettings(pki.otherCaCert, pki.clientCert, pki.clientKey, false))) {
      assertThrows(
          RuntimeException.class,
          () -> c.redis("tls", 0).get("k"),
          "a server signed by another CA is not trusted");
    }
    try (Connections c =
        connections(
            "rediss://127.0.0.1:" + port,
            "deployer",
            "wrong-password",
            new TlsSettings(pki.caCert, pki.clientCert, pki.clientKey, false))) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> c.redis("tls", 0).get("k"));
      assertFalse(String.valueOf(e.getMessage()).contains("wrong-password"), e.getMessage());
    }
  }

  @Test
  void caFilesNeedRedissAndTheirProblemsAreNamed() {
    IllegalArgumentException plain =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                connections(
                    "redis://127.0.0.1:" + port,
                    null,
                    null,
                    new TlsSettings(pki.caCert, null, null, false)));
    assertTrue(plain.getMessage().contains("use rediss://"), plain.getMessage());
    IllegalArgumentException notPem =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TlsSettings(dir.resolve("redis.log"), null, null, false)
                    .sslContext("Redis connection 'tls'"));
    assertTrue(
        notPem.getMessage().contains("caFile") && notPem.getMessage().contains("redis.log"),
        notPem.getMessage());
  }

  @Test
  void mongoUriOptionsThatSwitchVerificationOffAreRefusedUnlessAllowed() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Connections.of(
                    Map.of(
                        "prod",
                        ConnectionSettings.of(
                            "mongodb://db:27017/?tls=true&tlsAllowInvalidHostnames=true")),
                    Map.of(),
                    Map.of()));
    assertTrue(
        refused.getMessage().contains("tlsAllowInvalidHostnames=true")
            && refused.getMessage().contains("allowInsecure"),
        refused.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Connections.of(
                Map.of("prod", ConnectionSettings.of("mongodb://db:27017/?tlsInsecure=true")),
                Map.of(),
                Map.of()));
    // The driver reads 1 and yes (any case) as true too: each is refused the same way.
    for (String value : List.of("1", "yes", "YES", "True")) {
      IllegalArgumentException other =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Connections.of(
                      Map.of(
                          "prod",
                          ConnectionSettings.of(
                              "mongodb://db:27017/?tls=true&tlsAllowInvalidCertificates=" + value)),
                      Map.of(),
                      Map.of()),
              value);
      assertTrue(
          other.getMessage().contains("tlsAllowInvalidCertificates=" + value), other.getMessage());
    }
    try (Connections allowed =
        Connections.of(
            Map.of(
                "prod",
                new ConnectionSettings(
                    "mongodb://db:27017/?tls=true&tlsInsecure=true",
                    null,
                    null,
                    new TlsSettings(null, null, null, true))),
            Map.of(),
            Map.of())) {
      assertEquals(Set.of("prod"), allowed.mongoNames());
    }
  }
}
