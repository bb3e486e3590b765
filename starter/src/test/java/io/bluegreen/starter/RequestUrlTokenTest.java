package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI refuses a token in a request URL before starting, so it never reaches workflow history.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestUrlTokenTest {
  private static final String PLATFORMS =
      "\"blue\": {\"mongo\": \"local\", \"database\": \"itential\", \"redis\": \"local\", \"redisDb\": 0, \"profile\": \"blue\"},"
          + " \"green\": {\"mongo\": \"local\", \"database\": \"itential_green\", \"redis\": \"local\", \"redisDb\": 1, \"profile\": \"green\"";

  @Test
  void aTokenInAWebhookOrHealthUrlIsRefusedWithTheField() {
    CliException webhook =
        assertThrows(
            CliException.class,
            () ->
                RequestReader.parse(
                    "{"
                        + PLATFORMS
                        + "},"
                        + " \"cutover\": {\"webhook\": {\"url\": \"https://lb.example.com/hook?token=abc123\"}}}",
                    "request.json"));
    assertTrue(
        webhook
            .getMessage()
            .contains("cutover.webhook.url seems to carry a token (query parameter 'token')"),
        webhook.getMessage());
    CliException health =
        assertThrows(
            CliException.class,
            () ->
                RequestReader.parse(
                    "{"
                        + PLATFORMS
                        + ", \"health\": {\"url\": \"https://green.example.com/health/Ab12Cd34Ef56Gh78Ij90Kl\"}}}",
                    "request.json"));
    assertTrue(
        health.getMessage().contains("green.health.url seems to carry a token (a path segment)"),
        health.getMessage());
  }

  @Test
  void aUrlWithoutTokenIsAccepted() {
    RequestReader.parse(
        "{"
            + PLATFORMS
            + "}, \"cutover\": {\"webhook\": {\"url\": \"https://lb.example.com/bluegreen\"}}}",
        "request.json");
  }
}
