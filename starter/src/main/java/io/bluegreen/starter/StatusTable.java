package io.bluegreen.starter;

import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.RestoreReport;
import io.bluegreen.workflows.model.SignalRecord;
import java.util.List;

/** The readable form of a deployment's status for `status`, `watch` and `demo`. */
public final class StatusTable {
  /** Digests are long; a prefix is enough for a person to compare Blue and Green. */
  static final int DIGEST_PREFIX = 12;

  private static final int EVENTS_SHOWN = 8;

  private StatusTable() {}

  public static String render(StatusView view) {
    DeploymentStatus s = view.status();
    StringBuilder sb = new StringBuilder();
    sb.append("Deployment ").append(view.workflowId());
    if (s != null && s.deployment() != null) {
      sb.append(" (").append(s.deployment()).append(')');
    }
    sb.append('\n');
    if (view.note() != null) {
      sb.append("  note: ").append(view.note()).append('\n');
    }
    if (s == null) {
      return sb.append("  no status available\n").toString();
    }
    sb.append("  phase:    ").append(s.phase());
    if (view.executionStatus() != null) {
      sb.append("   (workflow ").append(view.executionStatus()).append(')');
    }
    sb.append('\n');
    if (s.activeColour() != null) {
      sb.append("  traffic:  ").append(s.activeColour()).append('\n');
    }
    if (s.failoverUntil() != null) {
      sb.append("  failover: Blue stays the failover until ")
          .append(s.failoverUntil())
          .append('\n');
    }
    if (s.blueRelease() != null || s.greenRelease() != null) {
      sb.append("  releases: Blue ")
          .append(s.blueRelease() == null ? "unknown" : s.blueRelease())
          .append(", Green ")
          .append(s.greenRelease() == null ? "unknown" : s.greenRelease())
          .append('\n');
    }
    if (s.waitingFor() != null && !s.waitingFor().isBlank()) {
      sb.append("  waiting for: ").append(s.waitingFor()).append('\n');
    }
    if (s.error() != null && !s.error().isBlank()) {
      sb.append("  error:    ").append(s.error()).append('\n');
    }
    sb.append(UpgradeView.lines(s));
    RestoreReport r = s.restore();
    if (r != null) {
      sb.append("  restore:  ")
          .append(r.reason())
          .append(": Blue ")
          .append(
              r.blueServing()
                  ? "serving since " + r.blueServingAt()
                  : "NOT fully restored " + r.failedSteps())
          .append("; Green ")
          .append(
              r.greenOff() == null
                  ? "not yet confirmed off (trying until " + r.greenRetryUntil() + ")"
                  : r.greenOff() ? "off" : "NOT confirmed off")
          .append('\n');
      if (r.note() != null) {
        sb.append("            ").append(r.note()).append('\n');
      }
    }
    sb.append(GreenChangesView.summary(s.greenChanges(), view.workflowId()));
    sb.append('\n');
    TextTable platforms = new TextTable("", "mongo", "database", "redis", "redis db", "profile");
    platform(platforms, "Blue", s.blue());
    platform(platforms, "Green", s.green());
    sb.append(platforms.render("  "));

    if (s.collections() != null && !s.collections().isEmpty()) {
      sb.append('\n');
      TextTable t =
          new TextTable(
                  "collection",
                  "documents",
                  "copied",
                  "verified",
                  "match",
                  "blue digest",
                  "green digest")
              .right(1, 2, 3);
      long docs = 0;
      long copied = 0;
      for (CollectionProgress c : s.collections()) {
        long live = view.copied(c.name(), c.copied());
        docs += c.documents();
        copied += live;
        String match =
            c.match() == null
                ? (view.copying(c.name()) ? "copying" : "-")
                : c.match()
                    ? "yes"
                    : "NO" + (c.differences() != null ? " (" + c.differences() + " differ)" : "");
        t.row(
            c.name(),
            String.format("%,d", c.documents()),
            String.format("%,d", live),
            String.format("%,d", c.verified()),
            match,
            prefix(c.blueDigest()),
            prefix(c.greenDigest()));
      }
      t.row("total", String.format("%,d", docs), String.format("%,d", copied), "", "", "", "");
      sb.append(t.render("  "));
    }
    if (s.excluded() != null && !s.excluded().isEmpty()) {
      sb.append("\n  not copied: ");
      sb.append(
          String.join(
              ", ", s.excluded().stream().map(e -> e.name() + " (" + e.reason() + ")").toList()));
      sb.append('\n');
    }
    sb.append(UpgradeView.syncTable(s));
    String live = LiveChangesView.lines(s);
    if (!live.isEmpty()) {
      sb.append('\n').append(live);
    }
    signals(sb, "accepted decisions" + more(s.approvals(), s.approvalsTotal()), s.approvals());
    signals(sb, "rejected decisions" + more(s.rejections(), s.rejectionsTotal()), s.rejections());
    List<DeploymentEvent> events = s.events();
    if (events != null && !events.isEmpty()) {
      sb.append("\n  last events:\n");
      for (DeploymentEvent e :
          events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size())) {
        sb.append("    ")
            .append(nz(e.time()))
            .append("  ")
            .append(e.phase() == null ? "" : e.phase() + "  ")
            .append(nz(e.message()))
            .append('\n');
      }
    }
    return sb.toString();
  }

  /** " (latest 100 of 130)" when the status keeps only the latest. */
  private static String more(List<SignalRecord> listed, Integer total) {
    int shown = listed == null ? 0 : listed.size();
    return total != null && total > shown ? " (latest " + shown + " of " + total + ")" : "";
  }

  private static void signals(StringBuilder sb, String title, List<SignalRecord> records) {
    if (records == null || records.isEmpty()) {
      return;
    }
    sb.append("\n  ").append(title).append(":\n");
    TextTable t = new TextTable("decision", "by", "reason", "time", "phase", "note");
    for (SignalRecord r : records) {
      t.row(r.signal(), r.by(), r.reason(), r.time(), r.phase(), r.note());
    }
    sb.append(t.render("    "));
  }

  private static void platform(TextTable t, String label, PlatformSpec p) {
    if (p == null) {
      t.row(label, "?");
      return;
    }
    t.row(label, p.mongo(), p.database(), p.redis(), p.redisDb(), p.profile());
  }

  public static String prefix(String digest) {
    if (digest == null) {
      return "";
    }
    return digest.length() <= DIGEST_PREFIX ? digest : digest.substring(0, DIGEST_PREFIX);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
