package io.bluegreen.workflows;

import io.bluegreen.workflows.model.BlueChangesMode;
import io.bluegreen.workflows.model.BlueChangesOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The checks of {@code live} (the failover window's options), part of {@link RequestValidation}:
 * Blue's changes are carried or reported, at an interval of at least {@link #MIN_INTERVAL} and at
 * most the failover window.
 */
final class LiveValidation {
  /** Each comparison reads Blue and the baseline: more often would load Blue for little. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  static final int MAX_PER_COLLECTION = 100_000;

  private LiveValidation() {}

  static void check(List<String> problems, DeploymentRequest r) {
    if (r.live() == null || r.live().blueChanges() == null) {
      return;
    }
    BlueChangesOptions b = r.live().blueChanges();
    if (b.mode() != null && BlueChangesMode.parse(b.mode()).isEmpty()) {
      problems.add(
          "live.blueChanges.mode '"
              + b.mode()
              + "' is not what to do with Blue's changes while LIVE: use carry (to Green, the default) or report (only name them)");
    }
    FieldChecks.range(
        problems, "live.blueChanges.maxPerCollection", b.maxPerCollection(), 1, MAX_PER_COLLECTION);
    if (b.interval() == null) {
      return;
    }
    int before = problems.size();
    FieldChecks.duration(problems, "live.blueChanges.interval", b.interval());
    if (problems.size() > before) {
      return;
    }
    Duration interval = Duration.parse(b.interval());
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      problems.add(
          "live.blueChanges.interval '"
              + b.interval()
              + "' is shorter than PT10S: each comparison reads Blue and the baseline, use at least \"PT10S\"");
    }
    Duration window = window(r.failoverWindow());
    if (window != null && interval.compareTo(window) > 0) {
      problems.add(
          "live.blueChanges.interval '"
              + b.interval()
              + "' is longer than the failover window '"
              + (r.failoverWindow() == null ? RequestDefaults.FAILOVER_WINDOW : r.failoverWindow())
              + "': Blue would never be compared before the deployment ends; use at most the window");
    }
  }

  /** The request's failover window, or null when it is not a valid duration (reported apart). */
  private static Duration window(String failoverWindow) {
    try {
      return Duration.parse(
          failoverWindow == null ? RequestDefaults.FAILOVER_WINDOW : failoverWindow);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
