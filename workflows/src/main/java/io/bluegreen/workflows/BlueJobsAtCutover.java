package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.CancelJobsInput;
import io.bluegreen.workflows.activities.CancelJobsResult;
import io.bluegreen.workflows.activities.DrainResult;
import io.bluegreen.workflows.model.BlueJobs;
import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.BlueJobsReport;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import java.util.List;

/**
 * Blue's jobs that are neither complete nor canceled when the cutover's drain ends (generation 2):
 * named in the status and an event, then left on Blue and said so ({@code cutover.blueJobs: leave},
 * the default), or cancelled through Blue's Itential API ({@code cancel}), each cancellation
 * recorded. Nothing here moves a switch, so nothing is added to the undo log: a cancelled job
 * cannot be un-cancelled, which is why cancelling is the request's explicit choice.
 */
final class BlueJobsAtCutover {
  private final ResolvedRequest request;
  private final DeploymentState state;

  BlueJobsAtCutover(ResolvedRequest request, DeploymentState state) {
    this.request = request;
    this.state = state;
  }

  /**
   * Reports what the drain left and applies the policy. Returns whether no job is running on Blue
   * any more (drained, or its running jobs cancelled).
   */
  boolean settle(DrainResult drain) {
    BlueJobs jobs = drain.jobs();
    if (jobs == null) {
      // A worker from before jobs were counted by status: only the running count is known.
      return drain.drained();
    }
    BlueJobsPolicy policy = request.raw().cutover().blueJobsPolicy();
    if (jobs.total() == 0) {
      state.blueJobs(report(policy, jobs, 0L, null, null, null, "no unfinished jobs on Blue"));
      return true;
    }
    if (policy == BlueJobsPolicy.CANCEL) {
      return cancel(jobs);
    }
    long staying = drain.drained() ? jobs.total() : jobs.notRunning();
    String note =
        staying
            + (staying == 1 ? " job stays" : " jobs stay")
            + " on Blue, not moved to Green (cutover.blueJobs: leave): "
            + jobs.describe()
            + (jobs.jobs().isEmpty() ? "" : ": " + BlueJobs.ids(jobs.jobs()))
            + (jobs.total() > jobs.jobs().size()
                ? " (first " + jobs.jobs().size() + " listed)"
                : "");
    state.blueJobs(report(policy, jobs, staying, null, null, null, note));
    state.event(note);
    return drain.drained();
  }

  private boolean cancel(BlueJobs jobs) {
    state.event(
        "cancelling Blue's unfinished jobs through its Itential API (cutover.blueJobs: cancel): "
            + jobs.describe());
    CancelJobsResult r;
    try {
      r =
          ActivityStubs.cutover("cancel Blue's " + jobs.total() + " unfinished jobs")
              .cancelBlueJobs(new CancelJobsInput(request.blue()));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        throw e; // an abort or rollback interrupting the cutover: not a failure to report
      }
      String failure = FailureMessages.root(e);
      String note =
          "cancelling Blue's jobs failed (" + failure + "); " + jobs.describe() + " stay on Blue";
      state.blueJobs(
          report(BlueJobsPolicy.CANCEL, jobs, jobs.total(), 0L, List.of(), List.of(failure), note));
      state.event(note);
      return jobs.running() == 0;
    }
    String note =
        "cancelled "
            + r.cancelled()
            + " of Blue's jobs through its Itential API in "
            + r.calls()
            + (r.calls() == 1 ? " call" : " calls")
            + (r.ids().isEmpty() ? "" : ": " + String.join(", ", r.ids()))
            + (r.failures().isEmpty() ? "" : "; not cancelled: " + String.join("; ", r.failures()));
    state.blueJobs(
        report(
            BlueJobsPolicy.CANCEL,
            jobs,
            r.failures().isEmpty() ? 0L : Math.max(0, jobs.total() - r.cancelled()),
            r.cancelled(),
            r.ids(),
            r.failures(),
            note));
    state.event(note);
    return r.failures().isEmpty() || jobs.running() == 0;
  }

  private static BlueJobsReport report(
      BlueJobsPolicy policy,
      BlueJobs jobs,
      Long staying,
      Long cancelled,
      List<String> ids,
      List<String> failures,
      String note) {
    return new BlueJobsReport(
        DeploymentState.now(), policy, jobs, staying, cancelled, ids, failures, note);
  }
}
