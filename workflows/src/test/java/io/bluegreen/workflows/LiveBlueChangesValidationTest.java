package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.model.BlueChangesMode;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code live.blueChanges}: the mode alone or the object, its defaults, and every refusal naming
 * the field and what to write instead.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LiveBlueChangesValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeploymentRequest request(String extra) throws Exception {
    return JSON.readValue(
        "{\"blue\": {\"mongo\": \"m\", \"database\": \"itential\", \"redis\": \"r\", \"redisDb\": 0,"
            + " \"profile\": \"blue\"}, \"green\": {\"mongo\": \"m\", \"database\": \"itential_green\", \"redis\": \"r\","
            + " \"redisDb\": 1, \"profile\": \"green\"}"
            + extra
            + "}",
        DeploymentRequest.class);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "{\"blueChanges\": \"copy\"}",
            "live.blueChanges.mode 'copy' is not what to do with Blue's changes while LIVE: use carry (to Green, the default) or report (only name them)"),
        Arguments.of(
            "{\"blueChanges\": {\"interval\": \"PT5S\"}}",
            "live.blueChanges.interval 'PT5S' is shorter than PT10S: each comparison reads Blue and the baseline, use at least \"PT10S\""),
        Arguments.of(
            "{\"blueChanges\": {\"interval\": \"PT48H\"}}",
            "live.blueChanges.interval 'PT48H' is longer than the failover window 'PT24H': Blue would never be compared before the deployment ends; use at most the window"),
        Arguments.of(
            "{\"blueChanges\": {\"interval\": \"soon\"}}",
            "live.blueChanges.interval 'soon' is not an ISO-8601 duration: write e.g. \"PT30M\" (30 minutes), \"PT24H\" or \"P7D\""),
        Arguments.of(
            "{\"blueChanges\": {\"maxPerCollection\": 0}}",
            "live.blueChanges.maxPerCollection 0 is out of range: use 1 to 100000"),
        Arguments.of(
            "{\"blueChanges\": {\"intervall\": \"PT1M\"}}",
            "unknown field 'live.blueChanges.intervall': remove it (known fields of live.blueChanges: mode, interval, maxPerCollection)"),
        Arguments.of(
            "{\"blueChange\": \"carry\"}",
            "unknown field 'live.blueChange': remove it (known fields of live: blueChanges)"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusedWithWhatToWrite(String live, String problem) throws Exception {
    assertEquals(
        List.of(problem), RequestValidation.problems(request(", \"live\": " + live)), live);
  }

  @Test
  void theModeAloneOrTheObjectWithDefaultsForWhatIsLeftOut() throws Exception {
    DeploymentRequest none = request("");
    assertEquals(List.of(), RequestValidation.problems(none));
    assertEquals(
        new LiveBlueChanges(BlueChangesMode.CARRY, Duration.ofMinutes(1), 1000),
        LiveBlueChanges.of(RequestDefaults.apply(none, "x").live()));

    DeploymentRequest report = request(", \"live\": {\"blueChanges\": \"report\"}");
    assertEquals(List.of(), RequestValidation.problems(report));
    assertEquals(
        new LiveBlueChanges(BlueChangesMode.REPORT, Duration.ofMinutes(1), 1000),
        LiveBlueChanges.of(RequestDefaults.apply(report, "x").live()));

    DeploymentRequest full =
        request(
            ", \"failoverWindow\": \"PT2H\", \"live\": {\"blueChanges\": {\"mode\": \"carry\","
                + " \"interval\": \"PT2H\", \"maxPerCollection\": 50}}");
    assertEquals(List.of(), RequestValidation.problems(full), "up to the window itself");
    assertEquals(
        new LiveBlueChanges(BlueChangesMode.CARRY, Duration.ofHours(2), 50),
        LiveBlueChanges.of(RequestDefaults.apply(full, "x").live()));
  }

  @Test
  void aRequestWithoutLiveKeepsItsJsonUnchanged() throws Exception {
    DeploymentRequest r = RequestDefaults.apply(request(""), "x");
    assertEquals(false, JSON.writeValueAsString(r).contains("\"live\""));
  }
}
