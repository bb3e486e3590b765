package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ItentialRelease;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request fields of releases and of Green's own configuration, as a user types them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReleaseAndGreenOptionsValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeploymentRequest request(String blueExtra, String greenExtra) throws Exception {
    return JSON.readValue(
        "{\"blue\": {\"mongo\": \"m\", \"database\": \"itential\", \"redis\": \"r\", \"redisDb\": 0, \"profile\": \"blue\""
            + blueExtra
            + "}, \"green\": {\"mongo\": \"m\", \"database\": \"itential_green\", \"redis\": \"r\", \"redisDb\": 1,"
            + " \"profile\": \"green\""
            + greenExtra
            + "}}",
        DeploymentRequest.class);
  }

  @Test
  void releasesAreOrderedFrom2023ToPlatform6() {
    ItentialRelease r20231 = ItentialRelease.parse("2023.1");
    ItentialRelease r20232 = ItentialRelease.parse("2023.2.4");
    ItentialRelease p6 = ItentialRelease.parse("6.0.3");
    assertTrue(r20231.compareTo(r20232) < 0);
    assertTrue(r20232.compareTo(p6) < 0, "Platform 6 follows 2023.2");
    assertEquals(ItentialRelease.Flavour.IAP_2023, r20232.flavour());
    assertEquals(ItentialRelease.Flavour.PLATFORM_6, p6.flavour());
    assertTrue(!ItentialRelease.parse("2022.1").supported());
    assertNull(ItentialRelease.parse("five"));
    assertNull(ItentialRelease.parse("4.2"), "no Itential release is numbered 4");
  }

  @Test
  void newFieldsAreKnownAndKeptByTheDefaults() throws Exception {
    DeploymentRequest r =
        request(
            ", \"release\": \"2023.2\"",
            ", \"release\": \"6\", \"acknowledgeStartupWorkers\": true,"
                + " \"profileOverrides\": {\"uiProps.title\": \"Green\"},"
                + " \"serviceConfigOverrides\": {\"local_aaa\": {\"properties.database.db\": \"itential_green\"}}");
    assertEquals(List.of(), RequestValidation.problems(r));
    DeploymentRequest d = RequestDefaults.apply(r, "x");
    assertEquals("6", d.green().release());
    assertEquals(Boolean.TRUE, d.green().acknowledgeStartupWorkers());
    assertEquals("Green", d.green().profileOverrides().get("uiProps.title"));
    assertEquals(
        "itential_green",
        d.green().serviceConfigOverrides().get("local_aaa").get("properties.database.db"));
    assertNull(d.switches().startJobs(), "no silent default switch path");
    assertNull(d.switches().taskWorker());
  }

  @Test
  void badReleasesDowngradesAndMisplacedFieldsAreRefusedWithWhatToFix() throws Exception {
    assertEquals(
        List.of(
            "blue.release 2022.2 is older than 2023.1, the first release bluegreen supports (its worker API and"
                + " start-up settings): upgrade it first"),
        RequestValidation.problems(request(", \"release\": \"2022.2\"", "")));
    assertEquals(
        List.of(
            "green.release 'latest' is not an Itential release: write e.g. \"2023.1\", \"2023.2\" or \"6\""),
        RequestValidation.problems(request("", ", \"release\": \"latest\"")));
    List<String> downgrade =
        RequestValidation.problems(request(", \"release\": \"6\"", ", \"release\": \"2023.2\""));
    assertEquals(1, downgrade.size());
    assertTrue(downgrade.get(0).contains("set green.allowDowngrade to true"), downgrade.get(0));
    assertEquals(
        List.of(),
        RequestValidation.problems(
            request(
                ", \"release\": \"6\"", ", \"release\": \"2023.2\", \"allowDowngrade\": true")));
    assertEquals(
        List.of(
            "blue.profileOverrides applies to Green only (Blue is never reconfigured): move it to green"),
        RequestValidation.problems(request(", \"profileOverrides\": {\"a\": 1}", "")));
    assertEquals(
        List.of(
            "green.serviceConfigOverrides.local_aaa may not change 'name': it is how bluegreen finds the document"),
        RequestValidation.problems(
            request("", ", \"serviceConfigOverrides\": {\"local_aaa\": {\"name\": \"x\"}}")));
    List<String> unknown = RequestValidation.problems(request("", ", \"allowDowngrades\": true"));
    assertTrue(
        unknown.get(0).startsWith("unknown field 'green.allowDowngrades'"), unknown.toString());
    assertTrue(
        unknown
            .get(0)
            .contains(
                "allowDowngrade, acknowledgeStartupWorkers, profileOverrides, serviceConfigOverrides"),
        unknown.toString());
  }
}
