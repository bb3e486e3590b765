package io.bluegreen.activities.cutover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CancelJobsInput;
import io.bluegreen.workflows.activities.CancelJobsResult;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.TrafficResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The platform switches ({@link PlatformSwitches}), the wait for Blue's running jobs and the
 * cancellation of those left ({@link BlueDrain}), the traffic key and its webhook.
 */
public class CutoverActivitiesImpl implements CutoverActivities {
  public static final String PROFILE_NOT_FOUND = FailureTypes.PROFILE_NOT_FOUND;
  public static final String INVALID_INPUT = FailureTypes.INVALID_INPUT;

  /** Heartbeat details of a drain wait: when it started, so a retry keeps the original deadline. */
  public record DrainProgress(long startedAtMillis, long runningJobs) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final PlatformSwitches switches;
  private final BlueDrain drain;

  public CutoverActivitiesImpl(Connections connections) {
    this(connections, Duration.ofSeconds(5));
  }

  public CutoverActivitiesImpl(Connections connections, Duration pollInterval) {
    this(connections, pollInterval, Duration.ofSeconds(30));
  }

  /**
   * @param switchConfirmTimeout how long a switch made through the API may take to show in its
   *     status
   */
  public CutoverActivitiesImpl(
      Connections connections, Duration pollInterval, Duration switchConfirmTimeout) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.switches = new PlatformSwitches(connections, switchConfirmTimeout);
    this.drain = new BlueDrain(connections, pollInterval);
  }

  @Override
  public SwitchResult setSwitch(SwitchInput input) {
    return boundary.run("SetSwitch", () -> switches.set(input));
  }

  @Override
  public SwitchResult readSwitch(SwitchInput input) {
    return boundary.run("ReadSwitch", () -> switches.read(input));
  }

  @Override
  public DrainResult waitForDrain(DrainInput input) {
    return boundary.run("WaitForDrain", () -> drain.drain(input));
  }

  @Override
  public CancelJobsResult cancelBlueJobs(CancelJobsInput input) {
    return boundary.run("CancelBlueJobs", () -> drain.cancel(input));
  }

  @Override
  public TrafficResult pointTraffic(TrafficInput input) {
    return boundary.run("PointTraffic", () -> point(input));
  }

  @Override
  public WebhookResult notifyTraffic(WebhookInput input) {
    return boundary.run("NotifyTraffic", () -> notify(input));
  }

  private WebhookResult notify(WebhookInput input) {
    TrafficWebhook hook = input.webhook();
    RequestPolicy.refuse(connections.policy().urlProblem("cutover.webhook.url", hook.url()));
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "colour",
                  input.colour().wire(),
                  "deployment",
                  String.valueOf(input.deployment()),
                  "changedAt",
                  String.valueOf(input.changedAt())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the webhook body");
    }
    // The same change always carries the same key, so the receiver can drop a retried call.
    String key = input.deployment() + "/" + input.colour() + "/" + input.changedAt();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(hook.url()))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .method(
                hook.method() == null ? "POST" : hook.method(),
                HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        connections
            .http()
            .expectSuccess(
                request,
                "traffic webhook",
                "the webhook refused the call; check the receiver's access rules");
    return new WebhookResult(input.colour(), response.statusCode());
  }

  private TrafficResult point(TrafficInput input) {
    if (input.key() == null || input.key().isBlank() || input.colour() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "traffic key and colour are required", INVALID_INPUT);
    }
    RequestPolicy.refuse(connections.policy().trafficProblem(input.redis(), input.key()));
    UnifiedJedis redis = connections.redis(input.redis(), input.db() == null ? 0 : input.db());
    Response<String> previous;
    // One MULTI so a reader never sees the new colour with the old deployment or time.
    try (AbstractTransaction tx = redis.multi()) {
      previous = tx.get(input.key());
      tx.set(input.key(), input.colour().wire());
      tx.set(input.key() + ":deployment", input.deployment() == null ? "" : input.deployment());
      tx.set(input.key() + ":changedAt", input.changedAt() == null ? "" : input.changedAt());
      List<Object> done = tx.exec();
      if (done == null) {
        throw new IllegalStateException("Redis discarded the traffic transaction");
      }
    }
    return new TrafficResult(previous.get(), input.colour());
  }
}
