package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three-way sync of documents: Green's migrations kept, Blue's changes carried, conflicts and their
 * policies.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncActivitiesTest extends SyncTestBase {
  @Test
  void greensMigrationIsKeptWhileBluesEditsInsertsAndDeletesReachGreen() {
    migrateGreen();
    editBlue();
    Map<String, List<String>> blueBefore = snapshot(db(blue));

    SyncResult r = full();
    assertEquals(0, r.totalConflicts(), r.toString());
    assertCarried(of(r, "workflows"));
    assertEquals(20, of(r, "forms").greenKept());
    assertEquals(0, of(r, "forms").updated());
    assertEquals(1, of(r, "migrations").greenKept());
    assertEquals(
        20,
        db(green).getCollection("forms").countDocuments(Filters.eq("schema", 2)),
        "the migration survives");
    assertEquals(2, db(green).getCollection("migrations").countDocuments());
    assertEquals(blueBefore, snapshot(db(blue)), "Blue is only read");

    // Nothing is carried twice; Green's own changes are still Green's.
    SyncResult again = full();
    SyncCollectionResult wf = of(again, "workflows");
    assertEquals(0, wf.inserted() + wf.updated() + wf.deleted());
    assertEquals(20, of(again, "forms").greenKept());
  }

  @Test
  void aDocumentChangedOnBothSidesIsAConflictThatHaltLeavesAndLists() {
    blueWf().updateOne(Filters.eq("name", "workflow-1"), Updates.set("owner", "blue-user"));
    greenWf().updateOne(Filters.eq("name", "workflow-1"), Updates.set("owner", "migrated"));
    blueWf().deleteOne(Filters.eq("name", "workflow-2"));
    greenWf().updateOne(Filters.eq("name", "workflow-2"), Updates.set("owner", "migrated"));
    blueWf().updateOne(Filters.eq("name", "workflow-3"), Updates.set("owner", "blue-user"));
    greenWf().deleteOne(Filters.eq("name", "workflow-3"));
    blueWf().updateOne(Filters.eq("name", "workflow-4"), Updates.set("owner", "blue-user"));
    Map<String, List<String>> greenBefore = snapshot(db(green));

    SyncResult r = run(SyncInput.FULL, SyncPolicy.halt(), 2);
    assertEquals(3, r.totalConflicts());
    assertEquals(3, of(r, "workflows").conflicts());
    assertEquals(2, r.conflictSamples().size(), "the list is capped, the count is not");
    Set<String> changes = new TreeSet<>();
    run(SyncInput.FULL, SyncPolicy.halt(), 10)
        .conflictSamples()
        .forEach(
            c -> {
              assertEquals("workflows", c.collection());
              assertTrue(c.id().contains("$oid"), c.id());
              changes.add(c.blueChange() + "/" + c.greenChange());
            });
    assertEquals(Set.of("updated/updated", "deleted/updated", "updated/deleted"), changes);
    // The one-sided edit of workflow-4 is carried; the conflicting documents are left as they were.
    assertEquals(
        "blue-user", greenWf().find(Filters.eq("name", "workflow-4")).first().getString("owner"));
    assertEquals(
        "migrated", greenWf().find(Filters.eq("name", "workflow-1")).first().getString("owner"));
    assertEquals(
        "migrated", greenWf().find(Filters.eq("name", "workflow-2")).first().getString("owner"));
    assertNull(greenWf().find(Filters.eq("name", "workflow-3")).first());
    assertEquals(greenBefore.get("forms"), snapshot(db(green)).get("forms"));
  }

  void makeConflicts() {
    blueWf().updateOne(Filters.eq("name", "workflow-1"), Updates.set("owner", "blue-user"));
    greenWf().updateOne(Filters.eq("name", "workflow-1"), Updates.set("owner", "migrated"));
    blueWf().deleteOne(Filters.eq("name", "workflow-2"));
    greenWf().updateOne(Filters.eq("name", "workflow-2"), Updates.set("owner", "migrated"));
  }

  @Test
  void blueWinsWritesBluesVersionAndTheConflictIsGone() {
    makeConflicts();
    assertEquals(2, full().totalConflicts());
    SyncResult r =
        run(
            SyncInput.FULL,
            new SyncPolicy(SyncPolicy.HALT, Map.of("workflows", SyncPolicy.BLUE_WINS)),
            10);
    assertEquals(0, r.totalConflicts());
    assertEquals(2, of(r, "workflows").resolved());
    assertEquals(
        "blue-user", greenWf().find(Filters.eq("name", "workflow-1")).first().getString("owner"));
    assertNull(greenWf().find(Filters.eq("name", "workflow-2")).first(), "Blue's delete wins");
    assertEquals(0, full().totalConflicts());
  }

  @Test
  void greenWinsKeepsGreensVersionAndMovesTheBaselineToBlues() {
    makeConflicts();
    SyncResult r = run(SyncInput.FULL, new SyncPolicy(SyncPolicy.GREEN_WINS, Map.of()), 10);
    assertEquals(0, r.totalConflicts());
    assertEquals(2, of(r, "workflows").resolved());
    assertEquals(
        "migrated", greenWf().find(Filters.eq("name", "workflow-1")).first().getString("owner"));
    assertEquals(
        "migrated", greenWf().find(Filters.eq("name", "workflow-2")).first().getString("owner"));
    SyncResult after = full();
    assertEquals(0, after.totalConflicts(), "not raised again");
    assertEquals(
        "migrated", greenWf().find(Filters.eq("name", "workflow-1")).first().getString("owner"));
    // A later Blue edit of the same document is Blue's change over the moved baseline: carried.
    blueWf().updateOne(Filters.eq("name", "workflow-1"), Updates.set("owner", "blue-again"));
    assertEquals(
        1,
        of(full(), "workflows").conflicts(),
        "Green still differs from the baseline, so both changed");
  }

  @Test
  void greenDocumentsOutsideTheBaselineAreNeverDeleted() {
    // Green-owned documents: one Green held before the copy was baselined (greenMustBeEmpty false
    // style, same _id space, not on Blue) and one Green's release added afterwards.
    greenWf().insertOne(new Document("name", "green-own-1"));
    greenWf().insertOne(new Document("name", "green-own-2"));
    blueWf().deleteMany(new Document());
    for (String policy : List.of(SyncPolicy.HALT, SyncPolicy.BLUE_WINS)) {
      SyncResult r = run(SyncInput.FULL, new SyncPolicy(policy, Map.of()), 10);
      assertEquals(0, r.totalConflicts());
      assertTrue(of(r, "workflows").greenKept() >= 2, r.toString());
      assertEquals(
          2, greenWf().countDocuments(), "only bluegreen's own copies went with Blue's deletes");
      assertNotNull(greenWf().find(Filters.eq("name", "green-own-1")).first());
      assertNotNull(greenWf().find(Filters.eq("name", "green-own-2")).first());
    }
  }

  @Test
  void theFinalPassFindsTheSameBlueChangesAsAFullPass() {
    migrateGreen();
    editBlue();
    blueWf().updateOne(Filters.eq("name", "workflow-7"), Updates.set("owner", "blue-user"));
    greenWf().updateOne(Filters.eq("name", "workflow-7"), Updates.set("owner", "migrated"));

    SyncResult fin = run(SyncInput.FINAL, SyncPolicy.halt(), 10);
    assertEquals(SyncInput.FINAL, fin.pass());
    assertEquals(1, fin.totalConflicts());
    assertEquals(
        new SyncConflict("workflows", fin.conflictSamples().get(0).id(), "updated", "updated"),
        fin.conflictSamples().get(0));
    SyncCollectionResult wf = of(fin, "workflows");
    assertEquals(2, wf.inserted());
    assertEquals(3, wf.updated());
    assertEquals(2, wf.deleted());
    assertEquals(
        20,
        db(green).getCollection("forms").countDocuments(Filters.eq("schema", 2)),
        "Green's migration is untouched");

    // A full pass after it finds nothing more of Blue's to carry, and the same conflict.
    SyncResult full = full();
    SyncCollectionResult after = of(full, "workflows");
    assertEquals(0, after.inserted() + after.updated() + after.deleted());
    assertEquals(fin.conflictSamples(), full.conflictSamples());
    assertEquals(20, of(full, "forms").greenKept());
  }

  @Test
  void aFinalPassMissesNothingWhateverTheIdTypes() {
    MongoCollection<Document> mixed = db(blue).getCollection("mixed");
    // More than one baseline chunk per id type, so chunk boundaries fall inside and between types.
    for (int i = 0; i < 1500; i++) {
      mixed.insertOne(new Document("_id", i).append("v", i));
      mixed.insertOne(new Document("_id", "s" + i).append("v", i));
      mixed.insertOne(new Document("_id", new ObjectId()).append("v", i));
    }
    mixed.insertOne(new Document("_id", 2.5).append("v", "double"));
    mixed.insertOne(new Document("_id", new Document("k", 1)).append("v", "object"));
    env.newActivityStub(
            CollectionCopyActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build())
        .copyCollection(new CopyInput(blue, green, "mixed", 25));
    sync.recordBaseline(new BaselineInput(blue, green, deployment, List.of("mixed"), 1));
    // One edit, insert and delete in each id type, on Blue.
    for (Object id : List.of(1200, "s3", 2.5, new Document("k", 1))) {
      mixed.updateOne(Filters.eq("_id", id), Updates.set("v", "edited"));
    }
    mixed.deleteOne(Filters.eq("_id", 999));
    mixed.deleteOne(Filters.eq("_id", "s1000"));
    mixed.insertOne(new Document("_id", 100_000).append("v", "new"));
    mixed.insertOne(new Document("_id", "zzz").append("v", "new"));
    mixed.insertOne(new Document("_id", new ObjectId()).append("v", "new"));

    SyncResult r =
        sync.syncCollections(
            new SyncInput(
                blue,
                green,
                deployment,
                List.of("mixed"),
                null,
                SyncPolicy.halt(),
                SyncInput.FINAL,
                10,
                1));
    SyncCollectionResult m = of(r, "mixed");
    assertEquals(3, m.inserted(), m.toString());
    assertEquals(4, m.updated(), m.toString());
    assertEquals(2, m.deleted(), m.toString());
    assertEquals(snapshot(db(blue)).get("mixed"), snapshot(db(green)).get("mixed"));
    SyncCollectionResult after = of(full(), "mixed");
    assertEquals(
        0,
        after.inserted()
            + after.updated()
            + after.deleted()
            + after.greenKept()
            + after.conflicts(),
        after.toString());
  }
}
