package io.bluegreen.activities.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.Switches;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request may make the worker do beyond its named connections: call only allowed URLs, read
 * bounded responses, write the traffic key only where the worker configuration says; and HTTPS with
 * the configured CA and client certificate for API connections and request URLs.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrustedRequestsTest extends ActivityTestBase {
  static final Switches SWITCHES = new Switches("startJobs", "taskWorker");

  @Test
  void allowedUrlPrefixesMatchWholePathSegmentsOnTheSameOrigin() {
    RequestPolicy policy =
        new RequestPolicy(
            List.of(
                URI.create("https://green.example.com:3443/health"),
                URI.create("https://lb.example.com/")),
            65536,
            null,
            null);
    assertNull(policy.urlProblem("f", "https://green.example.com:3443/health"));
    assertNull(policy.urlProblem("f", "https://green.example.com:3443/health/deep"));
    assertNull(policy.urlProblem("f", "https://lb.example.com:443/bluegreen"));
    assertTrue(
        policy
            .urlProblem("f", "https://green.example.com:3443/healthz")
            .contains("not in the worker's http.allowedUrls"));
    assertTrue(
        policy.urlProblem("f", "http://green.example.com:3443/health") != null, "another scheme");
    assertTrue(policy.urlProblem("f", "https://green.example.com/health") != null, "another port");
    assertTrue(policy.urlProblem("f", "https://evil.example.com/health") != null, "another host");
    assertNull(
        RequestPolicy.OPEN.urlProblem("f", "https://anything.example/"),
        "no allowlist: open (the worker warns)");
  }

  @Test
  void preflightRefusesUrlsAndTrafficKeysTheWorkerDoesNotAllowBeforeWritingAnything() {
    seedBlue(5);
    Map<String, List<String>> blueBefore = snapshot(db(blue));
    RequestPolicy policy =
        new RequestPolicy(
            List.of(URI.create("https://lb.example.com/hooks")),
            65536,
            Set.of("local"),
            "bluegreen:");
    try (Connections strict =
        Connections.of(
            Map.of("local", ConnectionSettings.of(servers.mongoUri)),
            Map.of(
                "local",
                ConnectionSettings.of("redis://127.0.0.1:" + servers.redisPort),
                "other",
                ConnectionSettings.of("redis://127.0.0.1:" + servers.redisPort)),
            Map.of(),
            TlsSettings.NONE,
            policy)) {
      PreflightActivities preflight =
          stub(PreflightActivities.class, new PreflightActivitiesImpl(strict));

      ApplicationFailure url =
          failure(
              () ->
                  preflight.preflight(
                      new PreflightInput(
                          blue,
                          green,
                          null,
                          SWITCHES,
                          true,
                          new CutoverOptions(
                              "local",
                              "bluegreen:active",
                              "PT1M",
                              new TrafficWebhook("https://attacker.example/x", "POST")))));
      assertTrue(
          url.getOriginalMessage()
              .contains(
                  "cutover.webhook.url https://attacker.example/x is not in the worker's http.allowedUrls"),
          url.getOriginalMessage());
      ApplicationFailure key =
          failure(
              () ->
                  preflight.preflight(
                      new PreflightInput(
                          blue,
                          green,
                          null,
                          SWITCHES,
                          true,
                          new CutoverOptions("local", "sessions:active", "PT1M"))));
      assertTrue(
          key.getOriginalMessage()
              .contains("does not start with the worker's traffic.keyPrefix 'bluegreen:'"),
          key.getOriginalMessage());
      ApplicationFailure redis =
          failure(
              () ->
                  preflight.preflight(
                      new PreflightInput(
                          blue,
                          green,
                          null,
                          SWITCHES,
                          true,
                          new CutoverOptions("other", "bluegreen:active", "PT1M"))));
      assertTrue(
          redis
              .getOriginalMessage()
              .contains("'other' is not one of the worker's traffic.redis connections"),
          redis.getOriginalMessage());
      assertEquals(blueBefore, snapshot(db(blue)), "Blue untouched");
      assertEquals(
          List.of(), db(green).listCollectionNames().into(new ArrayList<>()), "Green untouched");

      // Allowed: passes.
      preflight.preflight(
          new PreflightInput(
              blue,
              green,
              null,
              SWITCHES,
              true,
              new CutoverOptions(
                      "local",
                      "bluegreen:active",
                      "PT1M",
                      new TrafficWebhook("https://lb.example.com/hooks/bg", "POST"))
                  .withTrafficRedisDb(2)));
    }
  }

  @Test
  void responseBodiesAreReadOnlyUpToTheBound() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] huge = new byte[8 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    server.createContext(
        "/big",
        exchange -> {
          exchange.sendResponseHeaders(200, huge.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(huge);
          } catch (IOException e) {
            // the client stopped reading: what the bound is for
          }
        });
    server.start();
    try {
      HttpCalls calls = new HttpCalls(null, 4096);
      HttpResponse<String> r =
          calls.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big"))
                  .GET(),
              "test");
      assertEquals(200, r.statusCode());
      assertEquals(4096, r.body().length(), "only the first 4 KiB of 8 MiB are read");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void apiConnectionsUseTheirCaAndClientCertificateOverHttps(@TempDir Path dir) throws Exception {
    TestCertificates pki = TestCertificates.generate(dir);
    SSLContext serverTls =
        new TlsSettings(pki.caCert, pki.serverCert, pki.serverKey, false).sslContext("test server");
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(serverTls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = serverTls.getDefaultSSLParameters();
            p.setNeedClientAuth(true); // mutual TLS
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/health",
        exchange -> {
          byte[] ok = "ok".getBytes();
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
    URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    try (Connections c =
        Connections.of(
            Map.of("local", ConnectionSettings.of(servers.mongoUri)),
            Map.of(),
            Map.of(
                "mtls",
                new ApiEndpoint(
                    base,
                    "t0ken",
                    new TlsSettings(pki.caCert, pki.clientCert, pki.clientKey, false)),
                "ca-only",
                new ApiEndpoint(base, "t0ken", new TlsSettings(pki.caCert, null, null, false))),
            new TlsSettings(pki.caCert, pki.clientCert, pki.clientKey, false),
            RequestPolicy.OPEN)) {
      HttpRequest.Builder health = HttpRequest.newBuilder(base.resolve("/health")).GET();
      assertEquals("ok", c.http("mtls").send(health, "api").body());
      assertEquals(
          "ok",
          c.http()
              .send(HttpRequest.newBuilder(base.resolve("/health")).GET(), "health check")
              .body(),
          "request URLs use the http section's CA and certificate");
      assertThrows(
          IllegalStateException.class,
          () ->
              c.http("ca-only").send(HttpRequest.newBuilder(base.resolve("/health")).GET(), "api"),
          "without the client certificate the server refuses");
    }
    try (Connections c =
        Connections.of(
            Map.of("local", ConnectionSettings.of(servers.mongoUri)),
            Map.of(),
            Map.of("jvm-trust", new ApiEndpoint(base, "t0ken")),
            TlsSettings.NONE,
            RequestPolicy.OPEN)) {
      assertThrows(
          IllegalStateException.class,
          () ->
              c.http("jvm-trust")
                  .send(HttpRequest.newBuilder(base.resolve("/health")).GET(), "api"),
          "without a caFile the JVM's CAs are trusted, and the test CA is not among them");
    } finally {
      server.stop(0);
    }
  }
}
