package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.TrafficResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.HealthCheck;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DTO fields typed as {@link Colour} and {@link WorkerSwitch} write the same JSON words the
 * Strings they replaced did, so running deployments, other-language clients and the floor histories
 * read them unchanged; and those words read back to the enums.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EnumFieldsOnTheWireTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
  private static final PlatformSpec BLUE = new PlatformSpec("prod", "itential", "prod", 0, "blue");
  private static final HealthCheck CHECK = new HealthCheck("http://green/health", 200, "PT1S", 3);

  @Test
  void switchesWriteTheirColourAndSwitchWords() {
    roundTrip(
        new SwitchInput(BLUE, Colour.BLUE, WorkerSwitch.START_JOBS, "workers.jobs", false),
        "\"colour\":\"blue\"",
        "\"switchName\":\"startJobs\"");
    roundTrip(
        new SwitchResult(Colour.GREEN, WorkerSwitch.TASK_WORKER, null, true),
        "\"colour\":\"green\"",
        "\"switchName\":\"taskWorker\"");
  }

  @Test
  void trafficWebhookAndHealthWriteTheColourWord() {
    roundTrip(
        new TrafficInput("local", "bluegreen:active", Colour.GREEN, "dep-1", "2026-01-01T00:00Z"),
        "\"colour\":\"green\"");
    roundTrip(
        new TrafficResult("blue", Colour.GREEN), "\"previous\":\"blue\",\"colour\":\"green\"");
    roundTrip(
        new WebhookInput(new TrafficWebhook("http://hook", "POST"), Colour.BLUE, "dep-1", "t"),
        "\"colour\":\"blue\"");
    roundTrip(new WebhookResult(Colour.GREEN, 204), "\"colour\":\"green\"");
    roundTrip(new HealthInput(Colour.GREEN, CHECK), "\"colour\":\"green\"");
    roundTrip(new HealthResult(Colour.BLUE, false, 4, 4, "HTTP 503"), "\"colour\":\"blue\"");
  }

  @Test
  void theStatusWritesTheActiveColourWord() {
    DeploymentStatus status =
        new DeploymentStatus(
            "dep-1",
            Phase.LIVE,
            BLUE,
            BLUE,
            Colour.GREEN,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    roundTrip(status, "\"activeColour\":\"green\"");
  }

  @Test
  void aDecisionsPolicyStaysAWordSoItsValidatorNotJacksonRefusesAnUnknownOne() {
    String json = "{\"by\":\"ops\",\"policy\":\"Green-Wins\",\"policies\":{\"forms\":\"x\"}}";
    OperatorSignal read =
        CONVERTER.fromPayload(payload(json), OperatorSignal.class, OperatorSignal.class);
    assertEquals("Green-Wins", read.policy());
    assertEquals("x", read.policies().get("forms"));
  }

  private static <T> void roundTrip(T value, String... fragments) {
    Payload payload = CONVERTER.toPayload(value).orElseThrow();
    String json = payload.getData().toStringUtf8();
    for (String fragment : fragments) {
      assertTrue(json.contains(fragment), fragment + " in " + json);
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    assertEquals(value, CONVERTER.fromPayload(payload, type, type));
  }

  private static Payload payload(String json) {
    return CONVERTER.toPayload(json).orElseThrow().toBuilder()
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }
}
