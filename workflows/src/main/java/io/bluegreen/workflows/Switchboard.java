package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;

/**
 * The moves of a cutover or a restore, each one activity recorded in the status: a platform's
 * switch, the traffic key, and the traffic webhook. Which stub runs a move (and so its time limit)
 * is the caller's choice.
 */
final class Switchboard {
  static final String BLUE = "blue";
  static final String GREEN = "green";
  static final String START_JOBS = "startJobs";
  static final String TASK_WORKER = "taskWorker";

  private final DeploymentRequest request;
  private final DeploymentState state;
  /** Set before traffic is first pointed at Green, so a restore knows whether to point it back. */
  private boolean trafficMoved;
  /** Set before Green's first switch turns on, so a restore knows whether Green must be turned off. */
  private boolean greenTouched;
  /**
   * The colour of a switch whose activity was started and has not returned: after an interruption
   * or a failure, that attempt may still act until its start-to-close passes.
   */
  private String switchInFlight;
  /** When the traffic key was last set: the webhook reports the same change with the same time. */
  private String trafficChangedAt;

  Switchboard(DeploymentRequest request, DeploymentState state) {
    this.request = request;
    this.state = state;
  }

  PlatformSpec platform(String colour) {
    return colour.equals(BLUE) ? request.blue() : request.green();
  }

  String path(String switchName) {
    return switchName.equals(START_JOBS) ? request.switches().startJobs() : request.switches().taskWorker();
  }

  /** One switch during the cutover. */
  void cutoverSwitch(String colour, String name, boolean on) {
    if (colour.equals(GREEN) && on) {
      greenTouched = true;
    }
    set(ActivityStubs.cutover(describe(colour, name, on)), colour, name, on);
  }

  /** One switch during a restore, tried for up to {@code limit}. */
  void restoreSwitch(String colour, String name, boolean on, Duration limit) {
    set(ActivityStubs.restore("restore: " + describe(colour, name, on), limit), colour, name, on);
  }

  private void set(CutoverActivities stub, String colour, String name, boolean on) {
    switchInFlight = colour;
    SwitchResult r = stub.setSwitch(new SwitchInput(platform(colour), colour, name, path(name), on));
    switchInFlight = null;
    state.event(colour + " " + name + " " + (on ? "on" : "off") + " (was " + r.previous() + ")");
  }

  /** Points the traffic key at {@code colour}; in a restore with {@code limit}, else as a cutover step. */
  void pointTraffic(String colour, Duration limit) {
    if (colour.equals(GREEN)) {
      trafficMoved = true;
    }
    CutoverActivities stub = limit == null
        ? ActivityStubs.cutover("point traffic at " + colour)
        : ActivityStubs.restore("restore: point traffic at " + colour, limit);
    // One time for the change: the key's changedAt and the webhook's are the same, so a receiver can match them.
    trafficChangedAt = DeploymentState.now();
    stub.pointTraffic(new TrafficInput(request.cutover().trafficRedis(), request.cutover().trafficKey(), colour,
        request.deployment(), trafficChangedAt, request.cutover().trafficRedisDb()));
    state.activeColour(colour);
    state.event("traffic key " + request.cutover().trafficKey() + " = " + colour);
  }

  /**
   * Tells the webhook, best effort: traffic has already moved, so a webhook that keeps failing (5xx
   * for {@link ActivityStubs#WEBHOOK_LIMIT}, or any 4xx at once) is reported and never undoes the
   * switch. Returns the failure, or null.
   */
  String notifyWebhook(String colour) {
    TrafficWebhook webhook = request.cutover().webhook();
    if (webhook == null) {
      return null;
    }
    try {
      callWebhook(ActivityStubs.webhook("tell " + webhook.url() + " traffic is " + colour), webhook, colour);
      return null;
    } catch (TemporalFailure e) {
      String failure = FailureMessages.root(e);
      state.event("traffic webhook " + webhook.method() + " " + webhook.url() + " failed (" + failure
          + "); traffic stays on " + colour + ": tell the load balancer by hand");
      return failure;
    }
  }

  /** The webhook as a cutover step that fails with it (deployments recorded before the best-effort webhook). */
  void notifyWebhookStrict(String colour) {
    TrafficWebhook webhook = request.cutover().webhook();
    if (webhook != null) {
      callWebhook(ActivityStubs.cutover("tell " + webhook.url() + " traffic is " + colour), webhook, colour);
    }
  }

  /** One webhook call with the traffic key's own time, recorded in the status. */
  private void callWebhook(CutoverActivities stub, TrafficWebhook webhook, String colour) {
    WebhookResult r = stub.notifyTraffic(new WebhookInput(webhook, colour, request.deployment(), changedAt()));
    state.event("traffic webhook " + webhook.method() + " " + webhook.url() + " answered " + r.status());
  }

  private String changedAt() {
    return trafficChangedAt != null ? trafficChangedAt : DeploymentState.now();
  }

  /** The colour of a switch that may still be acting (see {@link #switchInFlight}), or null. */
  String switchInFlight() {
    return switchInFlight;
  }

  boolean trafficMoved() {
    return trafficMoved;
  }

  boolean greenTouched() {
    return greenTouched;
  }

  private static String describe(String colour, String name, boolean on) {
    return "set " + colour + " " + name + " " + (on ? "on" : "off");
  }
}
