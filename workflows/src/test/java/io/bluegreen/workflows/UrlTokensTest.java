package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.*;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A token in a request's URL would be stored in workflow history: the request is refused. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UrlTokensTest {
  private static DeploymentRequest withWebhook(String url) {
    return new DeploymentRequest(
        "t",
        new PlatformSpec("local", "itential", "local", 0, "blue"),
        new PlatformSpec("local", "itential_green", "local", 1, "green"),
        null,
        null,
        null,
        null,
        new CutoverOptions(null, null, null, new TrafficWebhook(url, "POST")),
        null);
  }

  private static List<String> urlProblems(String url) {
    return RequestValidation.problems(withWebhook(url)).stream()
        .filter(p -> p.contains("cutover.webhook"))
        .toList();
  }

  @Test
  void tokensInTheQueryOrAPathSegmentAreRefusedWithWhereTheyAre() {
    List<String> query = urlProblems("https://lb.example.com/bluegreen?access_token=abc");
    assertEquals(1, query.size(), query.toString());
    assertTrue(
        query.get(0).contains("query parameter 'access_token'")
            && query.get(0).contains("worker configuration"),
        query.get(0));
    assertEquals(1, urlProblems("https://lb.example.com/hook?sig=abc&x=1").size());
    List<String> path =
        urlProblems(
            "https://hooks.example.com/services/T0AB12CD/B0CD34EF/Zx9QvL2mN8pR4sT6uW1yA3bC");
    assertEquals(1, path.size(), path.toString());
    assertTrue(path.get(0).contains("a path segment"), path.get(0));
  }

  @Test
  void ordinaryUrlsPass() {
    assertEquals(
        List.of(), urlProblems("https://lb.example.com:8443/bluegreen/traffic?colour=green"));
    assertEquals(
        List.of(),
        urlProblems("https://lb.example.com/pools/0f8fad5b-d9cb-469f-a165-70867728950e/active"));
    assertEquals(
        List.of(),
        urlProblems("https://lb.example.com/api/v2/notifications/bluegreen-deployments"));
  }
}
