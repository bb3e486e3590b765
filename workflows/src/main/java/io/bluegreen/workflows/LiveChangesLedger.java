package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums up the comparisons of Blue with the final pass's baseline for the status ({@link
 * LiveChanges}): carried counts add up over the passes; reported, conflicting and waiting changes
 * are as the last pass found them (they stay until someone settles them, so each pass finds them
 * again); each collection names its latest {@value LiveChanges#MAX_LISTED} changes. A pass names
 * only what the previous one had not named (CatchUpBlue remembers it), so a change found again is
 * counted but absent from the pass: the name stays here from the pass that named it. Pure workflow
 * state, O(collections) in size.
 */
final class LiveChangesLedger {
  private final String mode;
  private final String interval;
  private final Map<String, Counts> collections = new TreeMap<>();
  private int passes;
  private String lastPass;
  private String note;

  private static final class Counts {
    long inserted;
    long updated;
    long deleted;
    long reported;
    long conflicts;
    long waiting;
    long changesTotal;
    String note;
    final List<LiveChange> changes = new ArrayList<>();
  }

  /** A change the workflow had not named before, with its collection. */
  record Named(String collection, LiveChange change) {}

  LiveChangesLedger(String mode, String interval) {
    this.mode = mode;
    this.interval = interval;
  }

  /**
   * Takes in a pass that ended at {@code now}; returns the changes it named for the first time (a
   * conflict or a reported change found again is not new; a carried one always is).
   */
  List<Named> absorb(LiveChangesResult r, String now) {
    passes++;
    lastPass = now;
    note = null;
    Set<String> seen = new HashSet<>();
    List<Named> fresh = new ArrayList<>();
    for (LiveCollectionResult c : r.collections()) {
      seen.add(c.collection());
      Counts n = collections.computeIfAbsent(c.collection(), k -> new Counts());
      n.inserted += c.inserted();
      n.updated += c.updated();
      n.deleted += c.deleted();
      n.reported = c.reported();
      n.conflicts = c.conflicts();
      n.waiting = c.waiting();
      n.note = c.note();
      for (LiveChange change : c.changes()) {
        boolean carried = LiveChange.CARRIED.equals(change.outcome());
        if (!carried && n.changes.stream().anyMatch(change::sameAs)) {
          continue;
        }
        if (!carried) {
          // Found again later with another outcome or Green's side: the newer entry stands.
          n.changes.removeIf(
              old -> old.id().equals(change.id()) && !LiveChange.CARRIED.equals(old.outcome()));
        }
        n.changes.add(change.at(now));
        n.changesTotal++;
        if (n.changes.size() > LiveChanges.MAX_LISTED) {
          n.changes.remove(0);
        }
        fresh.add(new Named(c.collection(), change));
      }
    }
    for (Map.Entry<String, Counts> e : collections.entrySet()) {
      if (!seen.contains(e.getKey())) {
        // Quiet in this pass: what was left before has been settled (on Blue or on Green).
        Counts n = e.getValue();
        n.reported = 0;
        n.conflicts = 0;
        n.waiting = 0;
        n.note = null;
      }
    }
    return fresh;
  }

  /** What a failed or interrupted pass left undone, until the next pass succeeds. */
  void note(String text) {
    note = text;
  }

  long waiting() {
    return collections.values().stream().mapToLong(c -> c.waiting).sum();
  }

  LiveChanges snapshot() {
    List<LiveCollectionChanges> out = new ArrayList<>();
    collections.forEach(
        (name, n) ->
            out.add(
                new LiveCollectionChanges(
                    name,
                    n.inserted,
                    n.updated,
                    n.deleted,
                    n.reported,
                    n.conflicts,
                    n.waiting,
                    List.copyOf(n.changes),
                    n.changesTotal,
                    n.note)));
    return new LiveChanges(mode, interval, passes, lastPass, out, note);
  }
}
