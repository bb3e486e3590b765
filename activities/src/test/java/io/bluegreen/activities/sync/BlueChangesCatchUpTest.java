package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.model.CollectionSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code CatchUpBlue} against a real MongoDB-wire server: after the final pass, what Blue alone
 * changed is carried to Green (or only reported), what both sides changed is listed and left, and
 * Green's own LIVE changes stay on Green and out of the baseline (so a rollback can name them).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlueChangesCatchUpTest extends SyncTestBase {
  private Map<String, List<String>> blueBefore;

  /** The cutover's final pass, then Green serves: users edit both sides from here. */
  @BeforeEach
  void finalPassThenLive() {
    run(SyncInput.FINAL, SyncPolicy.halt(), 20);
    blueBefore = null;
  }

  /** Blue's edit, insert and delete; Green's own edit; and one document both sides edited. */
  private void usersEditBothSides() {
    blueWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("description", "Blue"));
    blueWf().insertOne(new Document("name", "workflow-new-1"));
    blueWf().deleteOne(Filters.eq("name", "workflow-50"));
    blueWf().updateOne(Filters.eq("name", "workflow-30"), Updates.set("description", "Blue"));
    greenWf().updateOne(Filters.eq("name", "workflow-30"), Updates.set("description", "Green"));
    greenWf().updateOne(Filters.eq("name", "workflow-20"), Updates.set("description", "Green"));
    blueBefore = snapshot(db(blue));
  }

  private LiveCollectionResult catchUp(String mode, int max) {
    LiveChangesResult r =
        sync.catchUpBlue(
            new LiveChangesInput(
                blue,
                green,
                deployment,
                COPIED,
                new CollectionSelection(List.of(), List.of()),
                mode,
                max,
                100,
                2));
    assertEquals(mode, r.mode());
    return r.collections().stream()
        .filter(c -> c.collection().equals("workflows"))
        .findFirst()
        .orElse(new LiveCollectionResult("workflows", 0, 0, 0, 0, 0, 0, List.of(), null));
  }

  private Document green(String name) {
    return greenWf().find(Filters.eq("name", name)).first();
  }

  private Document blueDoc(String name) {
    return blueWf().find(Filters.eq("name", name)).first();
  }

  /** The workflows baseline, by _id as canonical JSON. */
  private Map<String, byte[]> baseline() {
    BaselineStore store =
        BaselineStore.of(connections, new Durability(connections), green, deployment);
    Map<String, byte[]> out = new TreeMap<>();
    try (BaselineChunks.Reader h = store.read("workflows")) {
      for (BsonValue id = h.peekId(); id != null; id = h.peekId()) {
        out.put(BsonIds.toJson(id), h.takeIf(id));
      }
    }
    return out;
  }

  private String idOf(String name) {
    Document d = blueDoc(name) != null ? blueDoc(name) : green(name);
    return BsonIds.toJson(new BsonObjectId(d.getObjectId("_id")));
  }

  @Test
  void onlyBluesChangesAreCarriedBothSidesChangesListedAndGreensOwnLeftWithTheirBaseline() {
    String green20 = idOf("workflow-20");
    String both30 = idOf("workflow-30");
    String deleted50 = idOf("workflow-50");
    usersEditBothSides();
    Map<String, byte[]> before = baseline();

    LiveCollectionResult r = catchUp("carry", 1000);

    assertEquals(1, r.inserted(), r.toString());
    assertEquals(1, r.updated(), r.toString());
    assertEquals(1, r.deleted(), r.toString());
    assertEquals(1, r.conflicts(), r.toString());
    assertEquals("Blue", green("workflow-10").getString("description"), "Blue's edit carried");
    assertTrue(green("workflow-new-1") != null, "Blue's insert carried");
    assertNull(green("workflow-50"), "Blue's delete carried");
    assertEquals("Green", green("workflow-20").getString("description"), "Green's own kept");
    assertEquals("Green", green("workflow-30").getString("description"), "a conflict is left");
    assertEquals(blueBefore, snapshot(db(blue)), "Blue is never written");
    assertTrue(
        r.changes().stream()
            .anyMatch(
                c ->
                    c.id().equals(both30)
                        && c.outcome().equals(LiveChange.CONFLICT)
                        && c.blueChange().equals("updated")
                        && c.greenChange().equals("updated")),
        r.changes().toString());
    assertEquals(4, r.changes().size(), r.changes().toString());

    Map<String, byte[]> after = baseline();
    assertArrayEquals(
        before.get(green20), after.get(green20), "Green's own change stays out of the baseline");
    assertArrayEquals(before.get(both30), after.get(both30), "a conflict keeps its entry");
    assertFalse(after.containsKey(deleted50), "Blue's carried delete leaves the baseline");
    assertEquals(before.size(), after.size(), "one entry gone, one added");

    // Carried changes moved the baseline: the next pass carries nothing again and lists the
    // conflict again (still unsettled); Green's own change is never mentioned.
    LiveCollectionResult again = catchUp("carry", 1000);
    assertEquals(0, again.carried(), again.toString());
    assertEquals(1, again.conflicts(), again.toString());
    assertTrue(again.changes().stream().noneMatch(c -> c.id().equals(green20)));
  }

  @Test
  void reportModeNamesBluesChangesAndWritesNothing() {
    usersEditBothSides();
    Map<String, List<String>> greenBefore = snapshot(db(green));
    Map<String, byte[]> before = baseline();

    LiveCollectionResult r = catchUp("report", 1000);

    assertEquals(3, r.reported(), r.toString());
    assertEquals(1, r.conflicts(), r.toString());
    assertEquals(0, r.carried(), r.toString());
    assertEquals(greenBefore, snapshot(db(green)), "report writes nothing to Green");
    assertEquals(blueBefore, snapshot(db(blue)), "nor to Blue");
    Map<String, byte[]> after = baseline();
    assertEquals(before.keySet(), after.keySet());
    before.forEach((id, h) -> assertArrayEquals(h, after.get(id), "baseline entry " + id));
    assertTrue(
        r.changes().stream()
            .anyMatch(
                c -> c.outcome().equals(LiveChange.REPORTED) && c.blueChange().equals("inserted")),
        r.changes().toString());
    assertEquals(3, catchUp("report", 1000).reported(), "still there the next time");
  }

  @Test
  void aPassNamesOnlyWhatIsNewOrChangedOutcomeButCountsEverything() {
    blueWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("description", "Blue"));
    LiveCollectionResult first = catchUp("report", 1000);
    assertEquals(List.of(idOf("workflow-10")), ids(first), first.toString());

    LiveCollectionResult again = catchUp("report", 1000);
    assertEquals(1, again.reported(), "still counted: " + again);
    assertEquals(List.of(), ids(again), "not named again: " + again);

    greenWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("description", "Green"));
    blueWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("description", "Blue"));
    LiveCollectionResult third = catchUp("report", 1000);
    assertEquals(1, third.conflicts(), third.toString());
    assertEquals(1, third.reported(), third.toString());
    assertEquals(
        List.of(
            idOf("workflow-10") + " " + LiveChange.CONFLICT,
            idOf("workflow-11") + " " + LiveChange.REPORTED),
        third.changes().stream().map(c -> c.id() + " " + c.outcome()).sorted().toList(),
        "a conflict where a report was, and a new change, are named");
    assertEquals(List.of(), ids(catchUp("report", 1000)), "then quiet again");
  }

  @Test
  void aRetryOfAPassNamesAgainWhatItsLostAttemptNamed() {
    BaselineStore store =
        BaselineStore.of(connections, new Durability(connections), green, deployment);
    List<LiveChange> found =
        List.of(new LiveChange("1", "updated", LiveChange.REPORTED, null, null));
    ListedChanges first = new ListedChanges(store, "forms", new ListedChanges.Pass("a", false));
    assertEquals(found, first.toName(found, 100));
    first.save(); // and its result is lost
    ListedChanges retry = new ListedChanges(store, "forms", new ListedChanges.Pass("a", true));
    assertEquals(found, retry.toName(found, 100), "the retry names it again");
    retry.save();
    ListedChanges next = new ListedChanges(store, "forms", new ListedChanges.Pass("b", false));
    assertEquals(List.of(), next.toName(found, 100), "the next pass does not");
  }

  private static List<String> ids(LiveCollectionResult r) {
    return r.changes().stream().map(LiveChange::id).toList();
  }

  @Test
  void theCapLeavesTheRestForTheNextPass() {
    for (int i = 0; i < 5; i++) {
      blueWf()
          .updateOne(Filters.eq("name", "workflow-" + (100 + i)), Updates.set("description", "B"));
    }
    LiveCollectionResult first = catchUp("carry", 2);
    assertEquals(2, first.updated(), first.toString());
    assertEquals(3, first.waiting(), first.toString());
    LiveCollectionResult second = catchUp("carry", 2);
    assertEquals(2, second.updated(), second.toString());
    assertEquals(1, second.waiting(), second.toString());
    LiveCollectionResult third = catchUp("carry", 2);
    assertEquals(1, third.updated(), third.toString());
    assertEquals(0, third.waiting(), third.toString());
    assertEquals(snapshot(db(blue)).get("workflows"), snapshot(db(green)).get("workflows"));
  }

  @Test
  void aCollectionBlueCreatedWhileLiveIsNamedNotCarried() {
    db(blue).getCollection("templates").insertOne(new Document("slug", "t1"));
    LiveChangesResult r =
        sync.catchUpBlue(
            new LiveChangesInput(
                blue,
                green,
                deployment,
                COPIED,
                new CollectionSelection(List.of(), List.of()),
                "carry",
                1000,
                100,
                2));
    LiveCollectionResult t =
        r.collections().stream()
            .filter(c -> c.collection().equals("templates"))
            .findFirst()
            .orElseThrow();
    assertTrue(t.note().startsWith("created on Blue after the final pass"), t.note());
    assertFalse(db(green).listCollectionNames().into(new ArrayList<>()).contains("templates"));
  }

  @Test
  void aWriteGreenRefusesIsAConflictAndItsBaselineEntryStays() {
    greenWf()
        .createIndex(
            new Document("owner", 1),
            new IndexOptions().unique(true).sparse(true).name("owner_unique"));
    String second = idOf("workflow-11");
    blueWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("owner", "alice-private"));
    blueWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("owner", "alice-private"));
    Map<String, byte[]> before = baseline();

    LiveCollectionResult r = catchUp("carry", 1000);
    assertEquals(1, r.updated(), r.toString());
    assertEquals(1, r.conflicts(), r.toString());
    LiveChange refused =
        r.changes().stream()
            .filter(c -> c.outcome().equals(LiveChange.CONFLICT))
            .findFirst()
            .orElseThrow();
    assertEquals(second, refused.id());
    assertTrue(
        refused.greenChange().startsWith("refused by Green (code 11000)"), refused.greenChange());
    assertFalse(refused.greenChange().contains("alice"), "no document values");
    LiveCollectionResult again = catchUp("carry", 1000);
    assertEquals(0, again.updated(), again.toString());
    assertEquals(1, again.conflicts(), "refused again, and counted: " + again);
    assertEquals(List.of(), again.changes(), "but named once: " + again);
    assertArrayEquals(
        before.get(second), baseline().get(second), "the refused document keeps its entry");
    assertEquals(1, greenWf().countDocuments(Filters.eq("owner", "alice-private")));
  }
}
