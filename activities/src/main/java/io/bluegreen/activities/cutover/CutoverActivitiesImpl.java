package io.bluegreen.activities.cutover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.itential.WorkflowEngineApi;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.TrafficResult;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** The platform switches, the wait for Blue's running jobs, and the traffic key. */
public class CutoverActivitiesImpl implements CutoverActivities {
  public static final String PROFILE_NOT_FOUND = FailureTypes.PROFILE_NOT_FOUND;
  public static final String INVALID_INPUT = FailureTypes.INVALID_INPUT;

  /** Heartbeat details of a drain wait: when it started, so a retry keeps the original deadline. */
  public record DrainProgress(long startedAtMillis, long runningJobs) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final Duration pollInterval;
  private final Duration switchConfirmTimeout;

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
    this.switchConfirmTimeout = switchConfirmTimeout;
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.pollInterval = pollInterval;
  }

  @Override
  public SwitchResult setSwitch(SwitchInput input) {
    return boundary.run("SetSwitch", () -> switchTo(input));
  }

  @Override
  public DrainResult waitForDrain(DrainInput input) {
    return boundary.run("WaitForDrain", () -> drain(input));
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

  /**
   * Through the API when the platform has one (the live effect, confirmed by the workers' status),
   * and always in the profile too, so that a platform restarted later comes up in the same state.
   */
  private SwitchResult switchTo(SwitchInput input) {
    PlatformSpec p = input.platform();
    if (p.api() == null) {
      if (input.path() == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            input.colour()
                + " has no API connection and switches."
                + input.switchName()
                + " names no profile field: nothing can switch its workers",
            INVALID_INPUT);
      }
      return switchProfile(input);
    }
    WorkflowEngineApi api = WorkflowEngineApi.of(connections, p.api());
    WorkflowEngineApi.Worker worker = WorkflowEngineApi.Worker.forSwitch(input.switchName());
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    // A heartbeat between calls: each call may take the whole HTTP timeout, and the heartbeat
    // timeout is what finds a worker that died holding a switch.
    Boolean previous = api.running(worker);
    ctx.heartbeat(null);
    if (!Boolean.valueOf(input.on()).equals(previous)) {
      api.set(worker, input.on());
      ctx.heartbeat(null);
    }
    long deadline = System.currentTimeMillis() + switchConfirmTimeout.toMillis();
    while (!Boolean.valueOf(input.on()).equals(api.running(worker))) {
      ctx.heartbeat(null);
      if (System.currentTimeMillis() > deadline) {
        // Retryable: the next attempt asks again, which is harmless.
        throw new IllegalStateException(
            input.colour()
                + "'s "
                + worker.statusKey
                + " did not report "
                + (input.on() ? "running" : "stopped")
                + " within "
                + switchConfirmTimeout.toSeconds()
                + "s of the API call");
      }
      sleep(Duration.ofMillis(500));
    }
    // The profile field only when the request names one: toggling profile fields is opt-in.
    SwitchResult persisted = input.path() == null ? null : switchProfile(input);
    return new SwitchResult(
        input.colour(),
        input.switchName(),
        previous != null || persisted == null ? previous : persisted.previous(),
        input.on());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  /**
   * One lock per profile document: its switches are written one at a time by this worker. MongoDB
   * applies two concurrent {@code $set}s of one document atomically, but FerretDB (the local
   * stack's disk-backed server) applies an update as read-modify-write, and the workflow sets both
   * switches of a platform at once, so one of the two writes could be lost there.
   */
  private static final ConcurrentHashMap<String, Object> PROFILE_LOCKS = new ConcurrentHashMap<>();

  private SwitchResult switchProfile(SwitchInput input) {
    PlatformSpec spec = input.platform();
    Object lock =
        PROFILE_LOCKS.computeIfAbsent(
            spec.mongo() + '\u0000' + spec.database() + '\u0000' + spec.profile(),
            k -> new Object());
    synchronized (lock) {
      return switchProfileNow(input);
    }
  }

  private SwitchResult switchProfileNow(SwitchInput input) {
    String problem = DottedPath.problem(input.path());
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "switch " + input.switchName() + " path " + problem, INVALID_INPUT);
    }
    PlatformSpec p = input.platform();
    MongoCollection<Document> profiles = connections.database(p).getCollection("iap_profiles");
    Document filter = new Document("id", p.profile());
    Document before = profiles.find(filter).first();
    if (before == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot set "
              + input.colour()
              + "'s "
              + input.switchName()
              + ": database '"
              + p.database()
              + "' (connection '"
              + p.mongo()
              + "') has no iap_profiles document with id '"
              + p.profile()
              + "'",
          PROFILE_NOT_FOUND);
    }
    Object previous = DottedPath.get(before, input.path());
    UpdateResult r =
        profiles.updateOne(filter, new Document("$set", new Document(input.path(), input.on())));
    if (r.getMatchedCount() == 0) {
      // Deleted between the read and the write: retrying will report it properly.
      throw new IllegalStateException(
          "iap_profiles document '" + p.profile() + "' disappeared while being updated");
    }
    return new SwitchResult(
        input.colour(), input.switchName(), previous instanceof Boolean b ? b : null, input.on());
  }

  private DrainResult drain(DrainInput input) {
    Duration timeout;
    try {
      timeout = Duration.parse(input.timeout());
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "drain timeout '" + input.timeout() + "' is not an ISO-8601 duration such as PT30M",
          INVALID_INPUT);
    }
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    long started =
        ctx.getHeartbeatDetails(DrainProgress.class)
            .map(DrainProgress::startedAtMillis)
            .orElse(System.currentTimeMillis());
    long deadline = started + timeout.toMillis();
    PlatformSpec blue = input.blue();
    MongoCollection<Document> jobs = connections.database(blue).getCollection("jobs");
    Document running = new Document("status", "running");
    while (true) {
      long count = jobs.countDocuments(running);
      // Heartbeating every poll both records progress and delivers a cancellation promptly.
      ctx.heartbeat(new DrainProgress(started, count));
      if (count == 0) {
        return new DrainResult(true, 0);
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return new DrainResult(false, count);
      }
      try {
        Thread.sleep(Math.min(left, pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Blue's jobs to finish");
      }
    }
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
