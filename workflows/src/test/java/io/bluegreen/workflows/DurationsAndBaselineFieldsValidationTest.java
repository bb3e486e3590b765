package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durations are bounded above: a timer longer than the server can hold fails every workflow task,
 * and with it any rollback, so a request giving one is refused at validation, naming the field. And
 * sync.dropStaleBaselines is a known field.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DurationsAndBaselineFieldsValidationTest {
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

  @Test
  void aDurationOverAYearIsRefusedNamingItsField() throws Exception {
    assertEquals(
        List.of("approval.timeout 'P100000D' is longer than a year: use at most \"P365D\""),
        RequestValidation.problems(request(", \"approval\": {\"timeout\": \"P100000D\"}")));
    List<String> cutover =
        RequestValidation.problems(
            request(
                ", \"cutover\": {\"drainTimeout\": \"PT9000H\", \"decisionTimeout\": \"P366D\", \"finalSyncTimeout\": \"PT1H\"}"));
    assertEquals(2, cutover.size(), cutover.toString());
    assertTrue(
        cutover.get(0).startsWith("cutover.drainTimeout 'PT9000H' is longer than a year"),
        cutover.toString());
    assertTrue(
        cutover.get(1).startsWith("cutover.decisionTimeout 'P366D' is longer than a year"),
        cutover.toString());
    assertTrue(
        RequestValidation.problems(request(", \"failoverWindow\": \"P400D\""))
            .get(0)
            .startsWith("failoverWindow"));
  }

  @Test
  void dropStaleBaselinesIsAKnownSyncFieldAndABoolean() throws Exception {
    DeploymentRequest r =
        request(", \"sync\": {\"dropStaleBaselines\": true, \"keepBaseline\": true}");
    assertEquals(List.of(), RequestValidation.problems(r));
    assertEquals(Boolean.TRUE, RequestDefaults.apply(r, "bluegreen-x").sync().dropStaleBaselines());
    assertEquals(
        Boolean.FALSE,
        RequestDefaults.apply(request(""), "bluegreen-x").sync().dropStaleBaselines());
    assertTrue(
        RequestValidation.problems(request(", \"sync\": {\"dropStaleBaseline\": true}"))
            .get(0)
            .contains("dropStaleBaseline"),
        "a misspelt field is named");
  }

  @Test
  void aYearIsAllowed() throws Exception {
    assertEquals(
        List.of(),
        RequestValidation.problems(
            request(", \"approval\": {\"timeout\": \"P365D\"}, \"failoverWindow\": \"PT8760H\"")));
  }
}
