package io.bluegreen.starter;

import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

/**
 * Follows a deployment by polling its status: on a terminal it redraws a screen with progress bars;
 * piped into a file or CI log it prints one plain line per change.
 */
public final class Watcher {
  private static final long POLL_MILLIS = 1500;

  private final StatusReader reader;
  private final String id;
  private final PrintStream out;
  private final boolean tty;
  private Predicate<Phase> stopAt = Phase::isTerminal;
  private String lastLine = "";
  private final CopyRates rates = new CopyRates();

  public Watcher(WorkflowClient client, String id, PrintStream out, boolean tty) {
    this.reader = new StatusReader(client);
    this.id = id;
    this.out = out;
    this.tty = tty;
  }

  public static Watcher forTerminal(WorkflowClient client, String id) {
    return new Watcher(client, id, System.out, System.console() != null);
  }

  public Watcher until(Predicate<Phase> stop) {
    this.stopAt = stop;
    return this;
  }

  /**
   * Watches until the phase is terminal; exit code 0 unless the deployment failed or was aborted.
   */
  public int run() {
    StatusView v = follow();
    Phase p = v.status().phase();
    return p == Phase.FAILED || p == Phase.ABORTED ? 1 : 0;
  }

  /** Polls until the stop predicate holds for the phase, and returns that status. */
  public StatusView follow() {
    while (true) {
      StatusView view;
      try {
        view = reader.read(id);
      } catch (CliException e) {
        if (!e.getMessage().startsWith("no worker answered")) {
          throw e;
        }
        plain(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + e.getMessage());
        sleep();
        continue;
      }
      DeploymentStatus s = view.status();
      rates.observe(view.liveCopies(), System.currentTimeMillis());
      if (tty) {
        out.print("\033[H\033[2J");
        out.print(screen(view, rates));
        out.flush();
      } else {
        plain(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + line(view));
      }
      if (s != null && s.phase() != null && (stopAt.test(s.phase()) || s.phase().isTerminal())) {
        return view;
      }
      sleep();
    }
  }

  private void plain(String line) {
    // Compare without the timestamp so that an unchanged deployment stays silent.
    String key = line.substring(Math.min(line.length(), 10));
    if (!key.equals(lastLine)) {
      lastLine = key;
      out.println(line);
    }
  }

  /** The whole redrawn screen. */
  public static String screen(StatusView view) {
    return screen(view, new CopyRates());
  }

  public static String screen(StatusView view, CopyRates rates) {
    DeploymentStatus s = view.status();
    StringBuilder sb = new StringBuilder();
    sb.append("Deployment ").append(view.workflowId());
    if (s.deployment() != null) {
      sb.append(" (").append(s.deployment()).append(')');
    }
    sb.append("\n  phase: ").append(s.phase()).append('\n');
    if (s.blue() != null && s.green() != null) {
      sb.append("  Blue ")
          .append(s.blue().database())
          .append(" -> Green ")
          .append(s.green().database())
          .append('\n');
    }
    sb.append(UpgradeView.lines(s));
    sb.append(LiveChangesView.lines(s));
    if (s.waitingFor() != null && !s.waitingFor().isBlank()) {
      sb.append("  waiting for: ").append(s.waitingFor()).append('\n');
    }
    if (s.error() != null && !s.error().isBlank()) {
      sb.append("  error: ").append(s.error()).append('\n');
    }
    sb.append('\n').append(ProgressBars.render(view, rates));
    List<DeploymentEvent> events = s.events();
    if (events != null && !events.isEmpty()) {
      sb.append('\n');
      for (DeploymentEvent e : events.subList(Math.max(0, events.size() - 4), events.size())) {
        sb.append("  ").append(e.time()).append("  ").append(e.message()).append('\n');
      }
    }
    sb.append("\n  next: ")
        .append(String.join("\n        ", NextSteps.forPhase(s.phase(), view.workflowId())))
        .append('\n');
    return sb.toString();
  }

  /** One plain line summarising the deployment, for logs. */
  public static String line(StatusView view) {
    DeploymentStatus s = view.status();
    StringBuilder sb = new StringBuilder().append(s.phase());
    List<CollectionProgress> cs = s.collections();
    if (cs != null && !cs.isEmpty()) {
      long docs = 0;
      long copied = 0;
      int verified = 0;
      for (CollectionProgress c : cs) {
        docs += c.documents();
        copied += view.copied(c.name(), c.copied());
        verified += Boolean.TRUE.equals(c.match()) ? 1 : 0;
      }
      sb.append(
          String.format(
              "  documents %,d/%,d copied, %d/%d collections verified",
              copied, docs, verified, cs.size()));
    }
    if (Boolean.TRUE.equals(s.greenMayStart()) && UpgradeView.beforeCutover(s)) {
      sb.append("  Green may start its new release");
    }
    if (s.conflictsTotal() != null && s.conflictsTotal() > 0) {
      sb.append("  conflicts ").append(s.conflictsTotal());
    }
    if (s.liveChanges() != null) {
      sb.append("  ").append(LiveChangesView.summary(s));
    }
    if (s.waitingFor() != null && !s.waitingFor().isBlank()) {
      sb.append("  waiting for: ").append(s.waitingFor());
      if (s.phase() == Phase.AWAITING_APPROVAL || s.phase() == Phase.LIVE) {
        sb.append(" (").append(NextSteps.forPhase(s.phase(), view.workflowId()).get(0)).append(')');
      }
    }
    if (s.error() != null && !s.error().isBlank()) {
      sb.append("  error: ").append(s.error());
    }
    return sb.toString();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
