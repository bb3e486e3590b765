package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoSecurityException;
import io.bluegreen.activities.connections.ConnectionSettings;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.TestCertificates;
import io.bluegreen.activities.connections.TlsSettings;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.FerretDbBinary;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's MongoDB connections against a server that authenticates and speaks TLS: FerretDB
 * with SCRAM users and a TLS listener that demands a client certificate from the test's CA.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FerretDbAuthAndTlsTest {
  private static final String PASSWORD = "scram-s3cret-pw";
  @TempDir static Path dir;
  private static TestCertificates pki;
  private static Process ferretdb;
  private static int plainPort;
  private static int tlsPort;

  @BeforeAll
  static void startFerretDb() throws Exception {
    pki = TestCertificates.generate(Files.createDirectories(dir.resolve("pki")));
    plainPort = freePort();
    tlsPort = freePort();
    Path binary = FerretDbBinary.findOrBuild(DevStack.defaultHome(), System.out::println);
    Path data = Files.createDirectories(dir.resolve("data"));
    ferretdb =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--handler=sqlite",
                    "--sqlite-url=file:" + data + "/",
                    "--state-dir=" + data,
                    "--listen-addr=127.0.0.1:" + plainPort,
                    "--listen-tls=127.0.0.1:" + tlsPort,
                    "--listen-tls-cert-file=" + pki.serverCert,
                    "--listen-tls-key-file=" + pki.serverKey,
                    "--listen-tls-ca-file=" + pki.caCert,
                    "--test-enable-new-auth",
                    "--setup-database=admin",
                    "--setup-username=bluegreen",
                    "--setup-password=" + PASSWORD,
                    "--debug-addr=-",
                    "--telemetry=disable",
                    "--log-level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ferretdb.log").toFile())
            .start();
    awaitPort(plainPort);
    awaitPort(tlsPort);
  }

  @AfterAll
  static void stop() {
    if (ferretdb != null) {
      ferretdb.destroyForcibly();
    }
  }

  private static Connections mongo(String uri, String user, String password, TlsSettings tls) {
    return Connections.of(
        Map.of("prod", new ConnectionSettings(uri, user, password, tls)), Map.of(), Map.of());
  }

  @Test
  void scramOverMutualTlsReadsAndWrites() {
    TlsSettings tls = new TlsSettings(pki.caCert, pki.clientCert, pki.clientKey, false);
    try (Connections c =
        mongo(
            "mongodb://127.0.0.1:" + tlsPort + "/?tls=true&serverSelectionTimeoutMS=10000",
            "bluegreen",
            PASSWORD,
            tls)) {
      c.mongo("prod")
          .getDatabase("itential")
          .getCollection("workflows")
          .insertOne(new Document("_id", "wf-1"));
      assertEquals(
          1, c.mongo("prod").getDatabase("itential").getCollection("workflows").countDocuments());
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    try (Connections c =
        mongo(
            "mongodb://127.0.0.1:" + plainPort + "/?serverSelectionTimeoutMS=10000",
            "bluegreen",
            "not-the-password",
            TlsSettings.NONE)) {
      MongoSecurityException e =
          assertThrows(
              MongoSecurityException.class,
              () ->
                  c.mongo("prod")
                      .getDatabase("itential")
                      .getCollection("workflows")
                      .countDocuments());
      assertFalse(String.valueOf(e.getMessage()).contains("not-the-password"), e.getMessage());
      assertTrue(
          c.secrets().passwords().contains("not-the-password"),
          "the password is scrubbed from activity errors");
    }
  }

  @Test
  void withoutTheClientCertificateOrWithAnotherCaTheTlsListenerRefuses() {
    try (Connections c =
        mongo(
            "mongodb://127.0.0.1:" + tlsPort + "/?tls=true&serverSelectionTimeoutMS=3000",
            "bluegreen",
            PASSWORD,
            new TlsSettings(pki.caCert, null, null, false))) {
      assertThrows(
          RuntimeException.class,
          () -> c.mongo("prod").getDatabase("itential").getCollection("x").countDocuments());
    }
    try (Connections c =
        mongo(
            "mongodb://127.0.0.1:" + tlsPort + "/?tls=true&serverSelectionTimeoutMS=3000",
            "bluegreen",
            PASSWORD,
            new TlsSettings(pki.otherCaCert, pki.clientCert, pki.clientKey, false))) {
      assertThrows(
          RuntimeException.class,
          () -> c.mongo("prod").getDatabase("itential").getCollection("x").countDocuments());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!ferretdb.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "FerretDB did not start: " + Files.readString(dir.resolve("ferretdb.log")));
        }
        Thread.sleep(100);
      }
    }
  }
}
