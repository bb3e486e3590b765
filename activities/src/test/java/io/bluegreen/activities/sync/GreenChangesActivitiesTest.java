package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.CarryBackResult;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Green against the final pass's baseline, and the carry-back of Green's changes to Blue, on a real
 * MongoDB-wire server through the real driver: Blue copied to Green and baselined, then a final
 * pass (the cutover), then users work on Green while it is live.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GreenChangesActivitiesTest extends SyncTestBase {
  private GreenChangesActivities changes;

  @BeforeEach
  void cutOver() {
    changes = stub(GreenChangesActivities.class, new GreenChangesActivitiesImpl(connections));
    run(SyncInput.FINAL, SyncPolicy.halt(), 50); // the cutover's final pass: the baseline = Green
  }

  private GreenDiffResult diff(int maxIds) {
    return changes.diffGreen(new GreenDiffInput(blue, green, deployment, COPIED, maxIds, true));
  }

  private CarryBackResult carryBack(String... collections) {
    return changes.carryBack(
        new CarryBackInput(blue, green, deployment, List.of(collections), 100));
  }

  private static String id(Document d) {
    return BsonIds.toJson(new BsonObjectId(d.getObjectId("_id")));
  }

  private Document greenByName(String name) {
    return greenWf().find(Filters.eq("name", name)).first();
  }

  @Test
  void nothingChangedOnGreenIsAnEmptyDiff() {
    GreenDiffResult r = diff(100);
    assertEquals(0, r.total(), r.toString());
    assertEquals(COPIED.size(), r.collections().size());
  }

  @Test
  void greensCreatedChangedAndDeletedDocumentsAreNamedById() {
    ObjectId created = new ObjectId();
    greenWf().insertOne(new Document("_id", created).append("name", "made-on-green"));
    Document edited = greenByName("workflow-7");
    greenWf().updateOne(Filters.eq("_id", edited.get("_id")), Updates.set("x", "green"));
    Document gone = greenByName("workflow-8");
    greenWf().deleteOne(Filters.eq("_id", gone.get("_id")));
    Map<String, List<String>> blueBefore = snapshot(db(blue));

    GreenDiffResult r = diff(100);

    GreenCollectionChanges wf = of(r, "workflows");
    assertEquals(1, wf.created());
    assertEquals(1, wf.changed());
    assertEquals(1, wf.deleted());
    assertEquals(List.of(BsonIds.toJson(new BsonObjectId(created))), wf.createdIds());
    assertEquals(List.of(id(edited)), wf.changedIds());
    assertEquals(List.of(id(gone)), wf.deletedIds());
    assertEquals(0, of(r, "forms").total());
    assertEquals(3, r.total());
    assertEquals(blueBefore, snapshot(db(blue)), "a diff only reads");
  }

  @Test
  void idsAreCappedButEveryChangeIsCounted() {
    greenWf().updateMany(Filters.regex("name", "^workflow-1"), Updates.set("x", "green"));
    long edited = greenWf().countDocuments(Filters.eq("x", "green"));
    assertTrue(edited > 10, "edited " + edited);

    GreenCollectionChanges wf = of(diff(10), "workflows");

    assertEquals(edited, wf.changed());
    assertEquals(10, wf.changedIds().size());
  }

  @Test
  void carryBackAppliesOnlyGreensChangesAndListsWhatBlueChangedToo() {
    ObjectId created = new ObjectId();
    greenWf().insertOne(new Document("_id", created).append("name", "made-on-green"));
    Document edited = greenByName("workflow-7");
    greenWf().updateOne(Filters.eq("_id", edited.get("_id")), Updates.set("x", "green"));
    Document gone = greenByName("workflow-8");
    greenWf().deleteOne(Filters.eq("_id", gone.get("_id")));
    // Both sides edited workflow-9 since the final pass: a conflict, Blue's version stays.
    Document both = greenByName("workflow-9");
    greenWf().updateOne(Filters.eq("_id", both.get("_id")), Updates.set("x", "green"));
    blueWf().updateOne(Filters.eq("_id", both.get("_id")), Updates.set("x", "blue"));
    // Green also changed forms, which is not carried back.
    db(green).getCollection("forms").updateMany(new Document(), Updates.set("schema", 2));
    Map<String, List<String>> blueForms = Map.of("forms", snapshot(db(blue)).get("forms"));

    CarryBackResult r = carryBack("workflows");

    CarriedBack wf = r.collections().get(0);
    assertEquals(1, wf.inserted(), wf.toString());
    assertEquals(1, wf.updated(), wf.toString());
    assertEquals(1, wf.deleted(), wf.toString());
    assertEquals(1, wf.conflicts(), wf.toString());
    SyncConflict c = wf.conflictSamples().get(0);
    assertEquals(id(both), c.id());
    assertEquals(SyncConflict.UPDATED, c.greenChange());
    assertEquals(SyncConflict.UPDATED, c.blueChange());
    assertNotNull(blueWf().find(Filters.eq("_id", created)).first(), "Green's insert on Blue");
    assertEquals("green", blueWf().find(Filters.eq("_id", edited.get("_id"))).first().get("x"));
    assertNull(blueWf().find(Filters.eq("_id", gone.get("_id"))).first(), "Green's delete on Blue");
    assertEquals(
        "blue",
        blueWf().find(Filters.eq("_id", both.get("_id"))).first().get("x"),
        "Blue's own edit is never overwritten");
    assertEquals(blueForms.get("forms"), snapshot(db(blue)).get("forms"), "forms not named");

    // Again: what is on Blue is left alone, the conflict listed again.
    CarriedBack again = carryBack("workflows").collections().get(0);
    assertEquals(0, again.inserted() + again.updated() + again.deleted(), again.toString());
    assertEquals(1, again.conflicts());
    // The diff still says what Green did since the cutover: the baseline is not moved.
    assertEquals(4, of(diff(100), "workflows").total());
  }

  @Test
  void greensOwnDocumentsFromBeforeTheCopyAreNeitherListedNorCarried() {
    // A document Green held before the copy (copy.greenMustBeEmpty false): PREFLIGHT recorded its
    // _id as Green's own, so it is not in the baseline, and not a change made while LIVE.
    greenWf().insertOne(new Document("_id", "green-own").append("name", "held before the copy"));
    BaselineStore store =
        BaselineStore.of(connections, new Durability(connections), blue, green, deployment);
    BaselinePreparation.recordGreenOwn(
        store, "workflows", db(green).getCollection("workflows", RawBsonDocument.class), 100);
    greenWf().insertOne(new Document("_id", "made-live").append("name", "made while live"));

    GreenCollectionChanges wf = of(diff(100), "workflows");
    assertEquals(1, wf.created(), wf.toString());
    assertEquals(List.of("{\"_id\": \"made-live\"}"), wf.createdIds());
    CarriedBack carried = carryBack("workflows").collections().get(0);
    assertEquals(1, carried.inserted(), carried.toString());
    assertNull(blueWf().find(Filters.eq("_id", "green-own")).first(), "Green's own stays on Green");
    assertNotNull(blueWf().find(Filters.eq("_id", "made-live")).first());
  }

  @Test
  void aWriteBlueRefusesIsAConflictNamedWithoutItsValues() {
    // The same unique name created on both sides under different _ids: Blue's index refuses.
    greenWf().insertOne(new Document("name", "secret-name-42"));
    blueWf().insertOne(new Document("name", "secret-name-42"));

    CarriedBack wf = carryBack("workflows").collections().get(0);

    assertEquals(0, wf.inserted(), wf.toString());
    assertEquals(1, wf.conflicts(), wf.toString());
    String blueChange = wf.conflictSamples().get(0).blueChange();
    assertTrue(blueChange.startsWith("refused by Blue (code 11000)"), blueChange);
    assertTrue(!blueChange.contains("secret-name-42"), blueChange);
    assertEquals(1, blueWf().countDocuments(Filters.eq("name", "secret-name-42")));
  }
}
