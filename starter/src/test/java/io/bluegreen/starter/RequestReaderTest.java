package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RequestReaderTest {
  private static final String BLUE =
      "\"blue\": {\"mongo\": \"local\", \"database\": \"itential\", \"redis\": \"local\", \"redisDb\": 0, \"profile\": \"blue\"}";
  private static final String GREEN =
      "\"green\": {\"mongo\": \"local\", \"database\": \"itential_green\", \"redis\": \"local\", \"redisDb\": 1, \"profile\": \"green\"}";

  @Test
  void fullRequestFromTheDesignParses() {
    String json =
        "{\"deployment\": \"iap-6-upgrade\", "
            + BLUE
            + ", "
            + GREEN
            + ","
            + "\"collections\": {\"include\": [], \"exclude\": [\"forms\"]},"
            + "\"switches\": {\"startJobs\": \"startJobs\", \"taskWorker\": \"taskWorker\"},"
            + "\"copy\": {\"batchSize\": 1000, \"parallelCollections\": 4, \"greenMustBeEmpty\": true},"
            + "\"approval\": {\"timeout\": \"P7D\"},"
            + "\"cutover\": {\"trafficRedis\": \"local\", \"trafficKey\": \"bluegreen:active\", \"drainTimeout\": \"PT30M\"},"
            + "\"failoverWindow\": \"PT24H\"}";
    DeploymentRequest r = RequestReader.parse(json, "request.json");
    assertEquals("itential", r.blue().database());
    assertEquals(1, r.green().redisDb());
    assertEquals("forms", r.collections().exclude().get(0));
    assertEquals(1000, r.copy().batchSize());
  }

  @Test
  void unknownFieldsAreReportedWithTheirDottedPaths() {
    String json =
        "{"
            + BLUE.replace(
                "\"profile\": \"blue\"", "\"profile\": \"blue\", \"mongoUri\": \"mongodb://x\"")
            + ", "
            + GREEN
            + ", \"copy\": {\"batchsize\": 10}, \"failover\": \"PT1H\"}";
    CliException e =
        assertThrows(CliException.class, () -> RequestReader.parse(json, "request.json"));
    assertEquals(2, e.exitCode());
    String m = e.getMessage();
    assertTrue(
        m.contains(
            "unknown field 'blue.mongoUri' in request.json: remove it "
                + "(known fields of blue: mongo, database, redis, redisDb, profile, api, health, release, allowDowngrade,"
                + " acknowledgeStartupWorkers, profileOverrides, serviceConfigOverrides)"),
        m);
    assertTrue(m.contains("unknown field 'copy.batchsize'"), m);
    assertTrue(
        m.contains("known fields of copy: batchSize, parallelCollections, greenMustBeEmpty"), m);
    assertTrue(m.contains("unknown field 'failover' in request.json"), m);
    assertEquals(3, m.lines().count(), m);
  }

  @Test
  void missingBlueOrGreenIsRefused() {
    CliException noBlue =
        assertThrows(CliException.class, () -> RequestReader.parse("{" + GREEN + "}", "r.json"));
    assertTrue(noBlue.getMessage().startsWith("'blue' is required in r.json"), noBlue.getMessage());
    CliException noGreen =
        assertThrows(CliException.class, () -> RequestReader.parse("{" + BLUE + "}", "r.json"));
    assertTrue(
        noGreen.getMessage().startsWith("'green' is required in r.json"), noGreen.getMessage());
  }

  @Test
  void malformedJsonAndWrongTypesNameTheProblem() {
    CliException broken =
        assertThrows(CliException.class, () -> RequestReader.parse("{" + BLUE + ",", "r.json"));
    assertTrue(
        broken.getMessage().startsWith("r.json is not valid JSON (line 1"), broken.getMessage());
    CliException wrongType =
        assertThrows(
            CliException.class,
            () ->
                RequestReader.parse(
                    "{"
                        + BLUE.replace("\"redisDb\": 0", "\"redisDb\": \"zero\"")
                        + ", "
                        + GREEN
                        + "}",
                    "r.json"));
    assertTrue(wrongType.getMessage().contains("'blue.redisDb'"), wrongType.getMessage());
  }
}
