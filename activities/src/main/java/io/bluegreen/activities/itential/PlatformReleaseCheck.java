package io.bluegreen.activities.itential;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.RequestValidation;
import io.bluegreen.workflows.model.ItentialRelease;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.List;

/**
 * Preflight's view of each platform as an Itential Platform: its release (from {@code GET
 * /health/server} when it has an API connection, else the request's {@code release}), its workers'
 * state and start-up setting through the API, and how its workers will be switched. Read-only; a
 * problem is an {@link IllegalArgumentException} saying what to fix.
 */
public final class PlatformReleaseCheck {
  private final Connections connections;

  public PlatformReleaseCheck(Connections connections) {
    this.connections = connections;
  }

  /** The releases of Blue and Green as found (either may be null when nothing says). */
  public record Releases(String blue, String green) {}

  public Releases check(
      PlatformSpec blue, PlatformSpec green, Switches switches, List<String> findings) {
    String blueRelease = platform(blue, "blue", switches, findings);
    String greenRelease = platform(green, "green", switches, findings);
    String downgrade =
        RequestValidation.downgradeProblem(
            ItentialRelease.parse(blueRelease),
            ItentialRelease.parse(greenRelease),
            green.allowDowngrade());
    if (downgrade != null) {
      throw new IllegalArgumentException(downgrade);
    }
    return new Releases(blueRelease, greenRelease);
  }

  private String platform(
      PlatformSpec spec, String which, Switches switches, List<String> findings) {
    switchesFor(spec, which, switches, findings);
    String release = spec.release();
    if (spec.api() != null) {
      release = throughApi(spec, which, findings);
    }
    if (release == null) {
      findings.add(
          which
              + "'s Itential release is unknown (its API does not report it and "
              + which
              + ".release is not set): the release checks were skipped");
      return null;
    }
    ItentialRelease parsed = ItentialRelease.parse(release);
    if (parsed == null) {
      throw new IllegalArgumentException(
          which
              + "'s release '"
              + release
              + "' is not an Itential release bluegreen knows"
              + " (2023.1, 2023.2 or 6): check "
              + (spec.api() != null
                  ? "that API '" + spec.api() + "' is an Itential Platform"
                  : which + ".release"));
    }
    if (!parsed.supported()) {
      throw new IllegalArgumentException(
          which
              + " runs Itential release "
              + release
              + ", older than "
              + ItentialRelease.OLDEST_SUPPORTED
              + " (the first with the Workflow Engine worker API): upgrade it before a blue-green deployment");
    }
    return release;
  }

  /**
   * Without an API, workers are switched by toggling profile fields, which no release reads by
   * default: so that is opt-in, with both paths named, and preflight says what will be toggled.
   */
  private static void switchesFor(
      PlatformSpec spec, String which, Switches switches, List<String> findings) {
    String job = switches == null ? null : switches.startJobs();
    String task = switches == null ? null : switches.taskWorker();
    if (spec.api() == null && (job == null || task == null)) {
      throw new IllegalArgumentException(
          which
              + " has no API connection and switches."
              + (job == null ? "startJobs" : "taskWorker")
              + " names no profile field, so bluegreen has no way to switch "
              + which
              + "'s workers: set "
              + which
              + ".api to an Itential API connection of the worker configuration (2023.1+ switch workers through it), or name the"
              + " fields to toggle in switches.startJobs and switches.taskWorker");
    }
    if (job != null || task != null) {
      findings.add(
          which
              + (spec.api() == null
                  ? " is switched by toggling"
                  : " also gets toggled, beside its API,")
              + " fields of iap_profiles document '"
              + spec.profile()
              + "' in database '"
              + spec.database()
              + "': "
              + (job == null ? "" : "'" + job + "' (job worker)")
              + (job != null && task != null ? " and " : "")
              + (task == null ? "" : "'" + task + "' (task worker)"));
    }
  }

  private String throughApi(PlatformSpec spec, String which, List<String> findings) {
    WorkflowEngineApi api = WorkflowEngineApi.of(connections, spec.api());
    String release;
    WorkflowEngineApi.WorkerStatus job;
    WorkflowEngineApi.WorkerStatus task;
    try {
      release = api.release();
      job = api.status(WorkflowEngineApi.Worker.JOB);
      task = api.status(WorkflowEngineApi.Worker.TASK);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(
          which + " API '" + spec.api() + "' cannot be used: " + e.getMessage());
    }
    if (release == null) {
      release = spec.release();
    } else if (spec.release() != null && !spec.release().equals(release)) {
      findings.add(
          which
              + ".release says "
              + spec.release()
              + " but API '"
              + spec.api()
              + "' reports "
              + release
              + "; the API's is used");
    }
    if (job.running() == null || task.running() == null) {
      throw new IllegalArgumentException(
          which
              + " API '"
              + spec.api()
              + "' answers /workflow_engine/workers/status without the state of "
              + (job.running() == null ? "jobWorker" : "taskWorker")
              + ": check that it is an Itential Platform 2023.1+ API");
    }
    findings.add(
        which
            + " API '"
            + spec.api()
            + "'"
            + (release == null ? "" : " (release " + release + ")")
            + ": job worker "
            + word(job)
            + ", task worker "
            + word(task));
    startup(spec, which, ItentialRelease.parse(release), job, task, findings);
    return release;
  }

  /**
   * Green's workers must not start by themselves when Green starts (they would take jobs before the
   * cutover); Blue's doing so matters after the cutover, when a restarted Blue would too.
   */
  private static void startup(
      PlatformSpec spec,
      String which,
      ItentialRelease release,
      WorkflowEngineApi.WorkerStatus job,
      WorkflowEngineApi.WorkerStatus task,
      List<String> findings) {
    boolean jobStarts = Boolean.TRUE.equals(job.startupValue());
    boolean taskStarts = Boolean.TRUE.equals(task.startupValue());
    if (!jobStarts && !taskStarts) {
      return;
    }
    ItentialRelease.Flavour flavour =
        release == null ? ItentialRelease.Flavour.IAP_2023 : release.flavour();
    String settings =
        (jobStarts ? flavour.jobStartupSetting : "")
            + (jobStarts && taskStarts ? " and " : "")
            + (taskStarts ? flavour.taskStartupSetting : "");
    String workers =
        jobStarts && taskStarts ? "job and task workers" : jobStarts ? "job worker" : "task worker";
    if (which.equals("green")) {
      if (!Boolean.TRUE.equals(spec.acknowledgeStartupWorkers())) {
        throw new IllegalArgumentException(
            "Green's "
                + workers
                + " would start whenever Green starts (startupValue true):"
                + " Green would take jobs before the cutover; set "
                + settings
                + " to false in "
                + flavour.startupSettingsLiveIn
                + " of Green, or set green.acknowledgeStartupWorkers to true if Green will not restart before the cutover");
      }
      findings.add(
          "Green's "
              + workers
              + " would start whenever Green starts ("
              + settings
              + " true), acknowledged by green.acknowledgeStartupWorkers");
    } else {
      findings.add(
          "warning: Blue's "
              + workers
              + " start whenever Blue starts ("
              + settings
              + " true in "
              + flavour.startupSettingsLiveIn
              + "): after the cutover a restarted Blue would take jobs again; set them to false"
              + " once Green is live");
    }
  }

  private static String word(WorkflowEngineApi.WorkerStatus s) {
    return (s.running() ? "running" : "stopped")
        + (s.startupValue() == null
            ? ""
            : s.startupValue() ? " (starts at start-up)" : " (off at start-up)");
  }
}
