package io.bluegreen.workflows;

import io.bluegreen.workflows.model.BlueChangesMode;
import io.bluegreen.workflows.model.BlueChangesOptions;
import io.bluegreen.workflows.model.LiveOptions;
import java.time.Duration;

/**
 * {@code live.blueChanges} with its defaults applied and its interval parsed: what the failover
 * window does with Blue's documents changed after the final pass.
 */
record LiveBlueChanges(BlueChangesMode mode, Duration interval, int maxPerCollection) {

  /** {@code live} has passed {@link RequestValidation}; null or partial reads as the defaults. */
  static LiveBlueChanges of(LiveOptions live) {
    BlueChangesOptions b = live == null ? null : live.blueChanges();
    return new LiveBlueChanges(
        BlueChangesMode.of(
            b == null || RequestDefaults.blank(b.mode())
                ? RequestDefaults.BLUE_CHANGES_MODE
                : b.mode()),
        Duration.parse(
            b == null || RequestDefaults.blank(b.interval())
                ? RequestDefaults.BLUE_CHANGES_INTERVAL
                : b.interval()),
        b == null || b.maxPerCollection() == null
            ? RequestDefaults.BLUE_CHANGES_PER_COLLECTION
            : b.maxPerCollection());
  }

  boolean carry() {
    return mode == BlueChangesMode.CARRY;
  }
}
