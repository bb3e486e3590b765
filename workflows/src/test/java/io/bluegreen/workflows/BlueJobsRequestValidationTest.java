package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cutover.blueJobs} is a closed vocabulary (leave, cancel), read as written and refused by
 * validation (with the words) when unknown; {@code cancel} needs Blue's API; {@code
 * cutover.overlapDrain} is a known field, and both survive the defaults.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class BlueJobsRequestValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeploymentRequest request(String blueExtra, String cutover) throws Exception {
    return JSON.readValue(
        "{\"blue\": {\"mongo\": \"m\", \"database\": \"itential\", \"redis\": \"r\", \"redisDb\": 0,"
            + " \"profile\": \"blue\""
            + blueExtra
            + "}, \"green\": {\"mongo\": \"m\", \"database\": \"itential_green\", \"redis\": \"r\","
            + " \"redisDb\": 1, \"profile\": \"green\"}, \"cutover\": "
            + cutover
            + "}",
        DeploymentRequest.class);
  }

  @Test
  void cancelNeedsBluesApi() throws Exception {
    List<String> problems = RequestValidation.problems(request("", "{\"blueJobs\": \"cancel\"}"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("cutover.blueJobs 'cancel' needs blue.api"), problems.get(0));
    assertEquals(
        List.of(),
        RequestValidation.problems(
            request(
                ", \"api\": \"blue-api\"", "{\"blueJobs\": \"cancel\", \"overlapDrain\": true}")));
  }

  @Test
  void anUnknownWordIsRefusedWithTheChoices() throws Exception {
    List<String> problems = RequestValidation.problems(request("", "{\"blueJobs\": \"kill\"}"));
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.startsWith("cutover.blueJobs 'kill' is not one of leave or cancel")),
        problems.toString());
  }

  @Test
  void theWordsRoundTripAndSurviveTheDefaults() throws Exception {
    DeploymentRequest r =
        request(", \"api\": \"blue-api\"", "{\"blueJobs\": \"cancel\", \"overlapDrain\": true}");
    assertEquals(BlueJobsPolicy.CANCEL, r.cutover().blueJobsPolicy());
    assertTrue(JSON.writeValueAsString(r).contains("\"blueJobs\":\"cancel\""));
    DeploymentRequest defaulted = RequestDefaults.apply(r, "wf");
    assertEquals("cancel", defaulted.cutover().blueJobs());
    assertTrue(defaulted.cutover().overlapping());
    DeploymentRequest plain = RequestDefaults.apply(request("", "{}"), "wf");
    assertEquals(BlueJobsPolicy.LEAVE, plain.cutover().blueJobsPolicy(), "leave by default");
    assertEquals(null, plain.cutover().blueJobs(), "and not written into the request");
    assertTrue(UnknownFields.find(r).isEmpty(), "both are known fields");
  }
}
