package io.bluegreen.activities.cutover;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.itential.OperationsManagerApi;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CancelJobsInput;
import io.bluegreen.workflows.activities.CancelJobsResult;
import io.bluegreen.workflows.activities.DrainInput;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.model.BlueJobs;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Blue's jobs at the cutover: the wait for its running jobs to finish (counting, when it ends,
 * every job left unfinished by status), and their cancellation through its Itential API.
 */
final class BlueDrain {
  /** Heartbeat details of a drain wait: when it started, so a retry keeps the original deadline. */
  record Progress(long startedAtMillis, long runningJobs) {}

  private final Connections connections;
  private final Duration pollInterval;

  BlueDrain(Connections connections, Duration pollInterval) {
    this.connections = connections;
    this.pollInterval = pollInterval;
  }

  DrainResult drain(DrainInput input) {
    Duration timeout;
    try {
      timeout = Duration.parse(input.timeout());
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "drain timeout '" + input.timeout() + "' is not an ISO-8601 duration such as PT30M",
          FailureTypes.INVALID_INPUT);
    }
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    long started =
        ctx.getHeartbeatDetails(CutoverActivitiesImpl.DrainProgress.class)
            .map(CutoverActivitiesImpl.DrainProgress::startedAtMillis)
            .orElse(System.currentTimeMillis());
    long deadline = started + timeout.toMillis();
    BlueJobsReader jobs = reader(input.blue());
    while (true) {
      long count = jobs.running();
      // Heartbeating every poll both records progress and delivers a cancellation promptly.
      ctx.heartbeat(new CutoverActivitiesImpl.DrainProgress(started, count));
      long left = deadline - System.currentTimeMillis();
      if (count == 0 || left <= 0) {
        BlueJobs unfinished = jobs.unfinished();
        // The running count from the same read as the list, so the two agree.
        long running = unfinished.running();
        return new DrainResult(running == 0, running, unfinished);
      }
      try {
        Thread.sleep(Math.min(left, pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Blue's jobs to finish");
      }
    }
  }

  /**
   * Cancels every unfinished job of Blue's through its API, {@link
   * OperationsManagerApi#MAX_IDS_PER_CALL} ids a call, heartbeating between calls. A refused call
   * is recorded with its ids' count and the next batch still tried; a retry of the activity finds
   * only what is still unfinished.
   */
  CancelJobsResult cancel(CancelJobsInput input) {
    PlatformSpec blue = input.blue();
    if (blue.api() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Blue has no API connection (blue.api): its jobs cannot be cancelled",
          FailureTypes.INVALID_INPUT);
    }
    OperationsManagerApi api = OperationsManagerApi.of(connections, blue.api());
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    List<String> listed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long[] cancelled = {0};
    int[] calls = {0};
    reader(blue)
        .unfinishedIds(
            OperationsManagerApi.MAX_IDS_PER_CALL,
            ids -> {
              ctx.heartbeat(cancelled[0]);
              calls[0]++;
              try {
                api.cancel(ids);
              } catch (ApplicationFailure e) {
                // A refusal (4xx) is permanent for these ids: say so and go on with the others.
                failures.add(
                    ids.size() + " jobs from " + ids.get(0) + ": " + e.getOriginalMessage());
                return;
              }
              cancelled[0] += ids.size();
              for (String id : ids) {
                if (listed.size() < BlueJobs.MAX_LISTED) {
                  listed.add(id);
                }
              }
            });
    return new CancelJobsResult(cancelled[0], listed, calls[0], failures);
  }

  private BlueJobsReader reader(PlatformSpec blue) {
    return new BlueJobsReader(connections.database(blue).getCollection("jobs"));
  }
}
