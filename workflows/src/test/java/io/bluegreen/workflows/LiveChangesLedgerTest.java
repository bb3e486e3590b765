package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How passes add up in the status: carried counts over all passes, what is left (conflicts,
 * reported, waiting) as the last pass found it, each change named once, the latest 100 kept.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LiveChangesLedgerTest {
  private static LiveChangesResult pass(LiveCollectionResult... collections) {
    return new LiveChangesResult("carry", List.of(collections));
  }

  private static LiveCollectionResult forms(
      long updated, long conflicts, long waiting, LiveChange... changes) {
    return new LiveCollectionResult(
        "forms", 0, updated, 0, 0, conflicts, waiting, List.of(changes), null);
  }

  private static LiveChange change(String id, String outcome) {
    return new LiveChange(
        id, "updated", outcome, outcome.equals("conflict") ? "updated" : null, null);
  }

  @Test
  void carriedAddsUpLeftIsAsLastFoundAndEachChangeIsNamedOnce() {
    LiveChangesLedger ledger = new LiveChangesLedger("carry", "PT1M");
    assertEquals(
        2,
        ledger
            .absorb(pass(forms(1, 1, 3, change("1", "carried"), change("2", "conflict"))), "t1")
            .size());
    assertEquals(
        1,
        ledger
            .absorb(pass(forms(1, 1, 0, change("1", "carried"), change("2", "conflict"))), "t2")
            .size(),
        "carried again (Blue edited it again) is new; the same conflict is not");
    LiveCollectionChanges f = ledger.snapshot().collections().get(0);
    assertEquals(2, f.updated());
    assertEquals(1, f.conflicts());
    assertEquals(0, f.waiting());
    assertEquals(3, f.changesTotal());
    assertEquals("t2", ledger.snapshot().lastPass());

    ledger.absorb(pass(), "t3");
    LiveCollectionChanges quiet = ledger.snapshot().collections().get(0);
    assertEquals(0, quiet.conflicts(), "a quiet pass: the conflict was settled");
    assertEquals(2, quiet.updated(), "what was carried stays counted");
    assertEquals(3, ledger.snapshot().passes());
  }

  @Test
  void theLatestHundredChangesAreKept() {
    LiveChangesLedger ledger = new LiveChangesLedger("carry", "PT1M");
    List<LiveChange> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(change("id-" + i, "carried"));
    }
    ledger.absorb(pass(forms(150, 0, 0, many.toArray(new LiveChange[0]))), "t1");
    LiveCollectionChanges f = ledger.snapshot().collections().get(0);
    assertEquals(LiveChanges.MAX_LISTED, f.changes().size());
    assertEquals("id-50", f.changes().get(0).id());
    assertEquals(150, f.changesTotal());
  }

  @Test
  void aPassThatCountsButNoLongerNamesAChangeKeepsItNamedAndCounted() {
    LiveChangesLedger ledger = new LiveChangesLedger("report", "PT1M");
    ledger.absorb(pass(forms(0, 1, 0, change("2", "conflict"))), "t1");
    assertEquals(
        List.of(),
        ledger.absorb(pass(forms(0, 1, 0)), "t2"),
        "found again as it was: counted by the activity, not named (CatchUpBlue names it once)");
    LiveCollectionChanges f = ledger.snapshot().collections().get(0);
    assertEquals(1, f.conflicts(), "still counted");
    assertEquals(
        List.of("2"), f.changes().stream().map(LiveChange::id).toList(), "and still named");
    assertEquals(1, f.changesTotal());
  }
}
