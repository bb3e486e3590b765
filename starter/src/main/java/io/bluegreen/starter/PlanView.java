package io.bluegreen.starter;

import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ExcludedCollection;
import java.time.Duration;
import java.util.List;

/** Renders a preflight report as the operator reads it before deciding to start a deployment. */
public final class PlanView {
  /**
   * Documents per second the estimate assumes when the operator gives no {@code --rate}. A
   * deliberately conservative round number for a copy between two production replica sets over a
   * network; measure your own with a small deployment (watch shows the live rate) and pass it.
   */
  public static final long DEFAULT_RATE = 2_000;

  private PlanView() {}

  public static String render(
      String workflowId, DeploymentRequest req, PreflightReport plan, long rate) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan for Blue ")
        .append(req.blue().database())
        .append(" -> Green ")
        .append(req.green().database())
        .append(" (read-only dry run ")
        .append(workflowId)
        .append("; nothing was written)\n");
    sb.append("Releases: Blue ")
        .append(release(plan.blueRelease()))
        .append(", Green ")
        .append(release(plan.greenRelease()))
        .append("\n\n");
    if (plan.collections() == null || plan.collections().isEmpty()) {
      sb.append("  no collection to copy\n");
    } else {
      TextTable t = new TextTable("collection", "documents", "size", "indexes").right(1, 2, 3);
      for (PlannedCollection c : plan.collections()) {
        t.row(c.name(), String.format("%,d", c.documents()), bytes(c.bytes()), c.indexes());
      }
      t.row(
          "total (" + plan.collections().size() + ")",
          String.format("%,d", plan.totalDocuments()),
          bytes(plan.totalBytes()),
          "");
      sb.append(t.render("  "));
    }
    if (plan.excluded() != null && !plan.excluded().isEmpty()) {
      sb.append("\nNot copied:\n");
      for (ExcludedCollection e : plan.excluded()) {
        sb.append("  ").append(e.name()).append(": ").append(e.reason()).append('\n');
      }
    }
    sb.append("\nFindings:\n");
    if (plan.findings() == null || plan.findings().isEmpty()) {
      sb.append("  none: preflight would pass\n");
    } else {
      plan.findings().forEach(f -> sb.append("  - ").append(f).append('\n'));
    }
    if (plan.blueJobs() != null) {
      sb.append("\nBlue's unfinished jobs (neither complete nor canceled): ")
          .append(plan.blueJobs().total() == 0 ? "none" : plan.blueJobs().describe())
          .append('\n');
    }
    greenConfiguration(sb, plan.greenConfiguration());
    sb.append("\nEstimate: copy ")
        .append(duration(estimate(plan.totalDocuments(), rate)))
        .append(" at ")
        .append(String.format("%,d", rate))
        .append(" documents/s")
        .append(rate == DEFAULT_RATE ? " (an assumed rate; pass --rate with one you measured)" : "")
        .append("; verification reads both sides again and takes about as long.\n");
    sb.append("\nStart it with: ./bluegreen start --request FILE --watch\n");
    return sb.toString();
  }

  private static String release(String r) {
    return r == null ? "unknown" : r;
  }

  /**
   * Green's profile and service configs as provisioning will write them, as a diff against Blue's:
   * one block per document, {@code -} Blue's value and {@code +} Green's for each field that
   * differs; {@code ~} for a credential, which preflight reports as changed with both values
   * hidden.
   */
  static void greenConfiguration(StringBuilder sb, List<ConfigDifference> changes) {
    if (changes == null) {
      return;
    }
    sb.append("\nGreen's own configuration (as provisioning writes it; - Blue, + Green):\n");
    if (changes.isEmpty()) {
      sb.append("  identical to Blue's\n");
      return;
    }
    String document = null;
    for (ConfigDifference c : changes) {
      if (!c.document().equals(document)) {
        document = c.document();
        sb.append("  ").append(document).append('\n');
      }
      if (c.blue() != null && c.blue().equals(c.green())) {
        // Preflight hides credentials on both sides: the field differs, its values are not shown.
        sb.append("    ~ ")
            .append(c.path())
            .append(": ")
            .append(c.blue())
            .append(" -> ")
            .append(c.green())
            .append(" (changed; values hidden)\n");
        continue;
      }
      if (c.blue() != null) {
        sb.append("    - ").append(c.path()).append(": ").append(c.blue()).append('\n');
      }
      if (c.green() != null) {
        sb.append("    + ").append(c.path()).append(": ").append(c.green()).append('\n');
      }
    }
  }

  public static Duration estimate(long documents, long rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    return Duration.ofSeconds((documents + rate - 1) / rate);
  }

  /** Binary units, as MongoDB reports sizes. */
  public static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }

  /** "2h 05m", "4m 10s", "12s": precise enough for a plan or an ETA. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s >= 3600) {
      return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
