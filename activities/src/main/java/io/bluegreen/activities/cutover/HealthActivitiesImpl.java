package io.bluegreen.activities.cutover;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.HttpCalls;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.model.HealthCheck;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP health checks. A check passes when the URL answers the expected status; a refused
 * connection, a timeout or any other status is a failure. The count of failures in a row travels in
 * the heartbeat, so a watch resumed on another worker does not forget them.
 */
public class HealthActivitiesImpl implements HealthActivities {
  private static final Logger log = LoggerFactory.getLogger(HealthActivitiesImpl.class);

  /** Heartbeat details of a running check. */
  public record HealthProgress(long checks, int consecutiveFailures, String lastFailure) {}

  private static final long HEARTBEAT_SLICE_MILLIS = 2_000;
  private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(10);
  private final Connections connections;
  private final ActivityBoundary boundary;

  public HealthActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
  }

  @Override
  public HealthResult checkHealth(HealthInput input) {
    return boundary.run("CheckHealth", () -> run(input, false));
  }

  @Override
  public HealthResult watchHealth(HealthInput input) {
    return boundary.run("WatchHealth", () -> run(input, true));
  }

  /**
   * Checks every interval. The gate ({@code watch} false) ends at the first pass; both end
   * unhealthy after more than {@code failuresAllowed} failures in a row.
   */
  private HealthResult run(HealthInput input, boolean watch) {
    HealthCheck check = input.check();
    RequestPolicy.refuse(
        connections.policy().urlProblem(input.colour() + ".health.url", check.url()));
    Duration interval = Duration.parse(check.interval());
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    HealthProgress progress =
        ctx.getHeartbeatDetails(HealthProgress.class).orElse(new HealthProgress(0, 0, null));
    long checks = progress.checks();
    int failures = progress.consecutiveFailures();
    String lastFailure = progress.lastFailure();
    while (true) {
      String failure = probe(check, ctx, new HealthProgress(checks, failures, lastFailure));
      checks++;
      if (failure == null) {
        if (failures > 0) {
          log.info(
              "health colour={} url={} recovered after={} failures",
              input.colour(),
              HttpCalls.where(URI.create(check.url())),
              failures);
        }
        failures = 0;
        if (!watch) {
          return new HealthResult(input.colour(), true, checks, 0, lastFailure);
        }
      } else {
        failures++;
        lastFailure = failure;
        log.info(
            "health colour={} url={} failed={} inRow={} allowed={}",
            input.colour(),
            HttpCalls.where(URI.create(check.url())),
            failure,
            failures,
            check.failuresAllowed());
        if (failures > check.failuresAllowed()) {
          return new HealthResult(input.colour(), false, checks, failures, lastFailure);
        }
      }
      // Heartbeats in slices, so an interval longer than the heartbeat timeout is no failure; they
      // also deliver the workflow's cancellation when the failover window ends.
      HealthProgress now = new HealthProgress(checks, failures, lastFailure);
      long wakeAt = System.currentTimeMillis() + interval.toMillis();
      for (long left = interval.toMillis(); left > 0; left = wakeAt - System.currentTimeMillis()) {
        ctx.heartbeat(now);
        try {
          Thread.sleep(Math.min(left, HEARTBEAT_SLICE_MILLIS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
      }
    }
  }

  /**
   * One check: null when healthy, else what went wrong. It heartbeats while it waits for the
   * answer, and a check that has no answer within the check's timeout is a failure, so a platform
   * that accepts connections and never answers is counted as unhealthy instead of hanging the gate.
   */
  private String probe(HealthCheck check, ActivityExecutionContext ctx, HealthProgress progress) {
    Duration timeout =
        check.timeout() == null ? DEFAULT_PROBE_TIMEOUT : Duration.parse(check.timeout());
    URI uri = URI.create(check.url());
    CompletableFuture<HttpResponse<String>> answer =
        connections.http().sendAsync(HttpRequest.newBuilder(uri).GET(), timeout);
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (true) {
      long left = deadline - System.currentTimeMillis();
      try {
        HttpResponse<String> r =
            answer.get(Math.max(1, Math.min(left, HEARTBEAT_SLICE_MILLIS)), TimeUnit.MILLISECONDS);
        return r.statusCode() == check.expectedStatus()
            ? null
            : "HTTP " + r.statusCode() + " (expected " + check.expectedStatus() + ")";
      } catch (TimeoutException e) {
        ctx.heartbeat(progress);
        if (System.currentTimeMillis() >= deadline) {
          answer.cancel(true);
          return "no answer from " + HttpCalls.where(uri) + " within " + timeout.toSeconds() + "s";
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof HttpTimeoutException
            ? "no answer from " + HttpCalls.where(uri) + " within " + timeout.toSeconds() + "s"
            : "cannot reach "
                + HttpCalls.where(uri)
                + " ("
                + cause.getClass().getSimpleName()
                + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer.cancel(true);
        throw new IllegalStateException("interrupted");
      }
    }
  }
}
