package io.bluegreen.workflows;

import io.bluegreen.workflows.UndoLog.Undo;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.bluegreen.workflows.activities.WebhookInput;
import io.bluegreen.workflows.activities.WebhookResult;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.TrafficWebhook;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;

/**
 * The moves of a cutover or a restore, each one activity recorded in the status: a platform's
 * switch, the traffic key, and the traffic webhook. A cutover move appends its undo to the {@link
 * UndoLog} before it is made; a restore's moves are the undo and append nothing.
 */
final class Switchboard {
  private final DeploymentRequest request;
  private final DeploymentState state;
  private final UndoLog undo;

  /** When the traffic key was last set: the webhook reports the same change with the same time. */
  private String trafficChangedAt;

  Switchboard(DeploymentRequest request, DeploymentState state, UndoLog undo) {
    this.request = request;
    this.state = state;
    this.undo = undo;
  }

  private PlatformSpec platform(Colour colour) {
    return colour == Colour.BLUE ? request.blue() : request.green();
  }

  /**
   * One switch during the cutover, its undo logged first. Generation 2 reads a Blue switch before
   * moving it, so that its undo records the state it had and a restore puts it back as it was (a
   * Blue switch that was off before the cutover stays off); before, the undo assumed the opposite
   * of the move.
   */
  void cutoverSwitch(Colour colour, WorkerSwitch name, boolean on) {
    boolean wasOn = !on;
    if (colour == Colour.BLUE && state.generation() >= Versions.WINDOW) {
      SwitchResult now =
          ActivityStubs.cutover("read " + colour + " " + name).readSwitch(input(colour, name, on));
      if (now.previous() != null) {
        wasOn = now.previous();
      }
    }
    undo.before(Undo.switchBack(colour, name, wasOn));
    set(ActivityStubs.cutover(describe(colour, name, on)), colour, name, on);
    undo.landed();
  }

  /** One switch during a restore, tried for up to {@code limit}. */
  void restoreSwitch(Colour colour, WorkerSwitch name, boolean on, Duration limit) {
    set(ActivityStubs.restore("restore: " + describe(colour, name, on), limit), colour, name, on);
  }

  private void set(CutoverActivities stub, Colour colour, WorkerSwitch name, boolean on) {
    SwitchResult r = stub.setSwitch(input(colour, name, on));
    state.event(colour + " " + name + " " + (on ? "on" : "off") + " (was " + r.previous() + ")");
  }

  private SwitchInput input(Colour colour, WorkerSwitch name, boolean on) {
    return new SwitchInput(platform(colour), colour, name, name.path(request.switches()), on);
  }

  /** The cutover's move of the traffic key to Green, its undo logged first. */
  void trafficToGreen() {
    undo.before(Undo.traffic());
    pointTraffic(Colour.GREEN, ActivityStubs.cutover("point traffic at " + Colour.GREEN));
    undo.landed();
  }

  /** A restore's move of the traffic key back to Blue, tried for up to {@code limit}. */
  void trafficToBlue(Duration limit) {
    pointTraffic(
        Colour.BLUE, ActivityStubs.restore("restore: point traffic at " + Colour.BLUE, limit));
  }

  private void pointTraffic(Colour colour, CutoverActivities stub) {
    // One time for the change: the key's changedAt and the webhook's are the same, so a receiver
    // can match them.
    trafficChangedAt = DeploymentState.now();
    stub.pointTraffic(
        new TrafficInput(
            request.cutover().trafficRedis(),
            request.cutover().trafficKey(),
            colour,
            request.deployment(),
            trafficChangedAt,
            request.cutover().trafficRedisDb()));
    state.activeColour(colour);
    state.event("traffic key " + request.cutover().trafficKey() + " = " + colour);
  }

  /**
   * The cutover's webhook to Green, its undo logged first; best effort (see {@link
   * #notifyWebhook}).
   */
  void webhookToGreen() {
    undo.before(Undo.webhook());
    notifyWebhook(Colour.GREEN);
    undo.landed();
  }

  /**
   * Tells the webhook, best effort: traffic has already moved, so a webhook that keeps failing (5xx
   * for {@link ActivityStubs#WEBHOOK_LIMIT}, or any 4xx at once) is reported and never undoes the
   * switch. Returns the failure, or null.
   */
  String notifyWebhook(Colour colour) {
    TrafficWebhook webhook = request.cutover().webhook();
    if (webhook == null) {
      return null;
    }
    try {
      CutoverActivities stub =
          ActivityStubs.webhook("tell " + webhook.url() + " traffic is " + colour);
      WebhookResult r =
          stub.notifyTraffic(new WebhookInput(webhook, colour, request.deployment(), changedAt()));
      state.event(
          "traffic webhook " + webhook.method() + " " + webhook.url() + " answered " + r.status());
      return null;
    } catch (TemporalFailure e) {
      String failure = FailureMessages.root(e);
      state.event(
          "traffic webhook "
              + webhook.method()
              + " "
              + webhook.url()
              + " failed ("
              + failure
              + "); traffic stays on "
              + colour
              + ": tell the load balancer by hand");
      return failure;
    }
  }

  private String changedAt() {
    return trafficChangedAt != null ? trafficChangedAt : DeploymentState.now();
  }

  private static String describe(Colour colour, WorkerSwitch name, boolean on) {
    return "set " + colour + " " + name + " " + (on ? "on" : "off");
  }
}
