package io.bluegreen.activities.cutover;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.itential.WorkflowEngineApi;
import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * A platform's two worker switches: through its Itential API when it names one (confirmed by the
 * workers' status), and its profile field when the request names one.
 */
final class PlatformSwitches {
  private final Connections connections;
  private final Duration switchConfirmTimeout;

  PlatformSwitches(Connections connections, Duration switchConfirmTimeout) {
    this.connections = connections;
    this.switchConfirmTimeout = switchConfirmTimeout;
  }

  /**
   * A switch as it is now, changing nothing: the API's worker status when the platform has one,
   * else the profile field; null when neither says.
   */
  SwitchResult read(SwitchInput input) {
    PlatformSpec p = input.platform();
    Boolean now = null;
    if (p.api() != null) {
      now =
          WorkflowEngineApi.of(connections, p.api())
              .running(WorkflowEngineApi.Worker.forSwitch(input.switchName()));
    }
    if (now == null && input.path() != null && DottedPath.problem(input.path()) == null) {
      Document profile =
          connections
              .database(p)
              .getCollection("iap_profiles")
              .find(new Document("id", p.profile()))
              .first();
      Object field = profile == null ? null : DottedPath.get(profile, input.path());
      now = field instanceof Boolean b ? b : null;
    }
    return new SwitchResult(input.colour(), input.switchName(), now, Boolean.TRUE.equals(now));
  }

  /**
   * Through the API when the platform has one (the live effect, confirmed by the workers' status),
   * and always in the profile too, so that a platform restarted later comes up in the same state.
   */
  SwitchResult set(SwitchInput input) {
    PlatformSpec p = input.platform();
    if (p.api() == null) {
      if (input.path() == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            input.colour()
                + " has no API connection and switches."
                + input.switchName()
                + " names no profile field: nothing can switch its workers",
            FailureTypes.INVALID_INPUT);
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
          "switch " + input.switchName() + " path " + problem, FailureTypes.INVALID_INPUT);
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
          FailureTypes.PROFILE_NOT_FOUND);
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
}
