package io.bluegreen.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated API behaves as the demo shows it and as the tests rely on it. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SimulatedItentialApiTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aLoginOpensASessionThatSwitchesTheWorkersAndTheLogNeverShowsTheToken() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (SimulatedItentialApi api =
        SimulatedItentialApi.withLogin("6.0.3", "bluegreen", "s3cret").logTo("Green", log::add)) {
      assertEquals(
          401,
          post(api, "/login", "{\"user\": {\"username\": \"bluegreen\", \"password\": \"wrong\"}}")
              .statusCode());
      HttpResponse<String> login =
          post(
              api, "/login", "{\"user\": {\"username\": \"bluegreen\", \"password\": \"s3cret\"}}");
      assertEquals(200, login.statusCode());
      String token = login.body();

      assertEquals(
          401,
          post(api, "/workflow_engine/jobWorker/deactivate", "").statusCode(),
          "no session, no switch");
      assertTrue(api.jobWorker());
      assertEquals(
          200, post(api, "/workflow_engine/jobWorker/deactivate?token=" + token, "").statusCode());
      assertFalse(api.jobWorker());
      assertTrue(api.taskWorker());

      api.expireSessions();
      assertEquals(
          401,
          post(api, "/workflow_engine/activate?token=" + token, "").statusCode(),
          "an expired session");
      assertEquals(1, api.logins());
      assertEquals(5, api.calls().size());
      assertTrue(
          log.contains(
              "[simulated Green Itential API 6.0.3] POST /login as bluegreen: session token issued"),
          log.toString());
      assertTrue(
          log.contains(
              "[simulated Green Itential API 6.0.3] POST /workflow_engine/jobWorker/deactivate: job worker stopped"),
          log.toString());
      assertTrue(log.stream().noneMatch(l -> l.contains(token)), log.toString());
    }
  }

  @Test
  void aHangingHealthEndpointAcceptsAndNeverAnswersWhileAScriptedOneAnswersInTurn()
      throws Exception {
    try (SimulatedItentialApi api = SimulatedItentialApi.withToken(null)) {
      api.healthScript(503, 200);
      assertEquals(503, get(api.healthUrl(), Duration.ofSeconds(10)).statusCode());
      assertEquals(200, get(api.healthUrl(), Duration.ofSeconds(10)).statusCode());
      assertEquals(
          200, get(api.healthUrl(), Duration.ofSeconds(10)).statusCode(), "the last status stays");

      api.healthHangs();
      CompletableFuture<HttpResponse<String>> hanging =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(api.healthUrl())).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      while (api.calls().size() < 4) {
        Thread.onSpinWait(); // until the API holds the check
      }
      assertFalse(hanging.isDone(), "the check was taken and not answered");
      api.close();
      assertThrows(ExecutionException.class, hanging::get, "closing the API drops the held check");
    }
  }

  private HttpResponse<String> post(SimulatedItentialApi api, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, Duration timeout) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
