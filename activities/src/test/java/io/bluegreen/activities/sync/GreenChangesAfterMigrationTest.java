package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Green's changes at a rollback, when Green's new release changed documents before the cutover
 * (migrated every form, added a migrations record, inserted, edited and deleted workflows): those
 * are the release's, not what users did on Green while LIVE, so the diff does not name them and a
 * carry-back never writes them to Blue; what Green did after the cutover is named and carried.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GreenChangesAfterMigrationTest extends SyncTestBase {
  private GreenChangesActivities changes;
  private Object migratedId;
  private Object greenInsertId;
  private Object greenDeleted;

  /** Green's release changes documents only Green has, then the cutover's two passes. */
  @BeforeEach
  void migrateThenCutOver() {
    changes = stub(GreenChangesActivities.class, new GreenChangesActivitiesImpl(connections));
    migrateGreen();
    greenWf().updateOne(Filters.eq("name", "workflow-7"), Updates.set("v", 2));
    migratedId = greenWf().find(Filters.eq("name", "workflow-7")).first().get("_id");
    greenWf().insertOne(new Document("name", "workflow-by-release"));
    greenInsertId = greenWf().find(Filters.eq("name", "workflow-by-release")).first().get("_id");
    greenDeleted = greenWf().find(Filters.eq("name", "workflow-8")).first().get("_id");
    greenWf().deleteOne(Filters.eq("_id", greenDeleted));
    full();
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);
  }

  private GreenDiffResult diff() {
    return changes.diffGreen(new GreenDiffInput(blue, green, deployment, COPIED, 100, true));
  }

  private CarriedBack carryBack(String collection) {
    return changes
        .carryBack(new CarryBackInput(blue, green, deployment, List.of(collection), 100))
        .collections()
        .get(0);
  }

  private static String json(Object objectId) {
    return BsonIds.toJson(new BsonObjectId((ObjectId) objectId));
  }

  private List<String> stateNames(String part) {
    MongoDatabase state = connections.mongo("local").getDatabase(connections.stateDatabase());
    String key = BaselineStore.key(deployment, green.database());
    List<String> out = new ArrayList<>();
    for (String n : state.listCollectionNames()) {
      if (n.startsWith(key + "~" + part)) {
        out.add(n);
      }
    }
    return out;
  }

  @Test
  void whatGreensReleaseChangedBeforeTheCutoverIsNotListed() {
    GreenDiffResult r = diff();

    assertEquals(0, r.total(), r.toString());
    assertEquals(0, of(r, "forms").changed(), "migrated forms are not changes made while LIVE");
    assertEquals(0, of(r, "migrations").created(), "the release's migration record");
  }

  @Test
  void aCollectionGreensReleaseDroppedIsNeitherListedNorDeletedOnBlue() {
    // The release dropped forms; the cutover's final pass ran again (after a halt, say).
    db(green).getCollection("forms").drop();
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);

    assertEquals(0, of(diff(), "forms").deleted(), "the release's drop, not a LIVE delete");
    CarriedBack forms = carryBack("forms");
    assertEquals(0, forms.deleted(), forms.toString());
    assertEquals(20, db(blue).getCollection("forms").countDocuments());
  }

  @Test
  void aCutoverRunAgainReplacesGreenAtTheCutover() {
    // The cutover halted and ran again later (its full pass, then its final pass): the release
    // changed one more form meanwhile.
    db(green).getCollection("forms").updateOne(Filters.eq("name", "form-3"), Updates.set("v", 3));
    full();
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);

    assertEquals(0, diff().total());
    assertEquals(1, stateNames("g~forms~").size(), "the record before is dropped");
    sync.dropBaseline(new DropBaselineInput(green, deployment));
    assertEquals(List.of(), stateNames("g~"), "dropped with the baseline");
  }

  @Test
  void aGreenChangeBetweenTheCutoversTwoPassesIsNamedAsGreens() {
    // The final pass reads Green only where Blue changed: a form edited on Green after the full
    // pass, which Blue left alone, is told as Green's (named, never hidden).
    db(green).getCollection("forms").updateOne(Filters.eq("name", "form-5"), Updates.set("x", 1));
    full();
    db(green).getCollection("forms").updateOne(Filters.eq("name", "form-6"), Updates.set("x", 1));
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);

    GreenCollectionChanges forms = of(diff(), "forms");
    assertEquals(1, forms.changed(), forms.toString());
    Object form6 = db(green).getCollection("forms").find(Filters.eq("name", "form-6")).first();
    assertEquals(
        List.of(json(((Document) form6).get("_id"))), forms.changedIds(), forms.toString());
  }

  @Test
  void aConflictTheFinalPassSettlesLeavesNoChangeOfGreensBehind() {
    // Blue and Green's release both changed workflow-7 (migrated) and workflow-9: settled by each
    // policy in the final pass, Green then holds what the cutover left, which is no LIVE change.
    blueWf().updateOne(Filters.eq("_id", migratedId), Updates.set("v", 3));
    greenWf().updateOne(Filters.eq("name", "workflow-9"), Updates.set("v", "green"));
    full();
    blueWf().updateOne(Filters.eq("name", "workflow-9"), Updates.set("v", "blue"));
    SyncPolicy blueWins =
        new SyncPolicy(SyncPolicy.HALT, Map.of("workflows", SyncPolicy.BLUE_WINS));
    SyncResult fin = run(SyncInput.FINAL, blueWins, 50);
    assertEquals(2, of(fin, "workflows").resolved(), of(fin, "workflows").toString());
    assertEquals(0, diff().total(), "Blue's versions the final pass wrote are not Green's changes");

    blueWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("v", "blue"));
    greenWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("v", "green"));
    SyncPolicy greenWins =
        new SyncPolicy(SyncPolicy.HALT, Map.of("workflows", SyncPolicy.GREEN_WINS));
    full();
    run(SyncInput.FINAL, greenWins, 50);
    assertEquals(0, diff().total(), "Green's version kept by green-wins is the cutover's");
    greenWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("v", "live"));
    assertEquals(1, of(diff(), "workflows").changed());
  }

  @Test
  void aFinalPassWithNoRecordToCarryOverReadsGreenInFull() {
    // A run whose full pass ran before Green was recorded there (an older worker): the final pass
    // finds no record and reads Green for it, so the release's changes stay unlisted, and it
    // leaves exactly one record (more than a chunk of entries: 1,200 documents of the release's).
    List<Document> released = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      released.add(new Document("name", "released-" + i));
    }
    greenWf().insertMany(released);
    full();
    MongoDatabase state = connections.mongo("local").getDatabase(connections.stateDatabase());
    String key = BaselineStore.key(deployment, green.database());
    state.getCollection(key + "~meta").deleteMany(Filters.regex("_id", "^cutover:"));
    for (String n : stateNames("g~")) {
      state.getCollection(n).drop();
    }
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);

    assertEquals(0, diff().total());
    assertEquals(1, stateNames("g~forms~").size());
    assertEquals(1, stateNames("g~workflows~").size(), stateNames("g~").toString());
  }

  @Test
  void aFinalPassRetriedAfterItsBaselineButBeforeItsRecordReadsGreenInFull() {
    // Blue edits the document Green's release migrated: a conflict, settled by blue-wins in the
    // final pass. Its first attempt commits the baseline and dies before switching the record: the
    // retry must not carry over the full pass's record, whose entry is Green's migrated version.
    blueWf().updateOne(Filters.eq("_id", migratedId), Updates.set("v", 3));
    full();
    MongoDatabase state = connections.mongo("local").getDatabase(connections.stateDatabase());
    MongoCollection<Document> meta =
        state.getCollection(BaselineStore.key(deployment, green.database()) + "~meta");
    Document record = meta.find(Filters.eq("_id", "cutover:workflows")).first();
    String chunksName = stateNames("g~workflows~").get(0);
    List<Document> chunks = state.getCollection(chunksName).find().into(new ArrayList<>());
    SyncPolicy blueWins =
        new SyncPolicy(SyncPolicy.HALT, Map.of("workflows", SyncPolicy.BLUE_WINS));
    assertEquals(1, of(run(SyncInput.FINAL, blueWins, 50), "workflows").resolved());
    // The first attempt's record switch undone: the full pass's record is back in force.
    for (String n : stateNames("g~workflows~")) {
      state.getCollection(n).drop();
    }
    state.getCollection(chunksName).insertMany(chunks);
    meta.replaceOne(Filters.eq("_id", "cutover:workflows"), record);

    run(SyncInput.FINAL, blueWins, 50);

    assertEquals(
        0, diff().total(), "Blue's version the first attempt wrote is no change of Green's");
  }

  @Test
  void greensOwnDocumentsSortingBeforeBluesAndOnesGreenRefusedAreCarriedOver() {
    // Green's release added a document whose _id sorts before every ObjectId, and one whose name
    // Blue then takes too (Green's unique index refuses Blue's in the final pass: a conflict).
    greenWf().insertOne(new Document("_id", 1).append("name", "first-by-release"));
    greenWf().insertOne(new Document("name", "taken"));
    full();
    blueWf().insertOne(new Document("name", "taken"));
    SyncResult fin = run(SyncInput.FINAL, SyncPolicy.halt(), 50);
    assertEquals(1, of(fin, "workflows").conflicts(), of(fin, "workflows").toString());

    assertEquals(0, diff().total(), "the release's documents are not LIVE changes");
    greenWf().deleteOne(Filters.eq("_id", 1));
    GreenCollectionChanges wf = of(diff(), "workflows");
    assertEquals(List.of(BsonIds.toJson(new BsonInt32(1))), wf.deletedIds(), wf.toString());
  }

  @Test
  void whatGreenDidWhileLiveIsListedOverItsReleasesVersions() {
    // While LIVE: a migrated form edited again, another deleted; the release's own workflow
    // edited, the workflow it had deleted made again, one new workflow.
    db(green).getCollection("forms").updateOne(Filters.eq("name", "form-2"), Updates.set("x", 1));
    db(green).getCollection("forms").deleteOne(Filters.eq("name", "form-4"));
    greenWf().updateOne(Filters.eq("_id", greenInsertId), Updates.set("x", "live"));
    greenWf().insertOne(new Document("_id", greenDeleted).append("name", "workflow-8-again"));
    greenWf().insertOne(new Document("name", "made-live"));
    Object madeLive = greenWf().find(Filters.eq("name", "made-live")).first().get("_id");

    GreenDiffResult r = diff();

    GreenCollectionChanges forms = of(r, "forms");
    assertEquals(1, forms.changed(), forms.toString());
    assertEquals(1, forms.deleted(), forms.toString());
    assertEquals(0, forms.created(), forms.toString());
    GreenCollectionChanges wf = of(r, "workflows");
    assertEquals(List.of(json(greenInsertId)), wf.changedIds(), wf.toString());
    assertEquals(
        List.of(json(greenDeleted), json(madeLive)).stream().sorted().toList(),
        wf.createdIds().stream().sorted().toList(),
        wf.toString());
    assertEquals(0, wf.deleted(), wf.toString());
    assertEquals(0, of(r, "migrations").total());
  }

  @Test
  void aCarryBackWritesOnlyWhatGreenDidWhileLive() {
    Map<String, List<String>> blueBefore = snapshot(db(blue));
    db(green).getCollection("forms").updateOne(Filters.eq("name", "form-2"), Updates.set("x", 1));

    CarriedBack forms = carryBack("forms");
    CarriedBack migrations = carryBack("migrations");
    CarriedBack wf = carryBack("workflows");

    assertEquals(1, forms.updated(), forms.toString());
    assertEquals(0, forms.inserted() + forms.deleted() + forms.conflicts(), forms.toString());
    assertEquals(
        19,
        db(blue).getCollection("forms").countDocuments(Filters.exists("schema", false)),
        "Blue's other forms keep Blue's schema");
    assertEquals(0, migrations.inserted() + migrations.conflicts(), migrations.toString());
    assertEquals(blueBefore.get("migrations"), snapshot(db(blue)).get("migrations"));
    assertEquals(0, wf.inserted() + wf.updated() + wf.deleted() + wf.conflicts(), wf.toString());
    assertEquals(blueBefore.get("workflows"), snapshot(db(blue)).get("workflows"));
    assertNull(blueWf().find(Filters.eq("v", 2)).first(), "the release's edit not on Blue");
    assertTrue(blueWf().find(Filters.eq("_id", greenDeleted)).first() != null);
  }

  @Test
  void blueCatchUpStillTakesAMigratedDocumentUntouchedOnBlueAsUnchanged() {
    blueWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("description", "Blue"));
    Object migrated = migratedId;

    LiveCollectionResult wf = catchUp("workflows");

    assertEquals(1, wf.updated(), wf.toString());
    assertEquals(0, wf.conflicts() + wf.inserted() + wf.deleted(), wf.toString());
    assertEquals(2, greenWf().find(Filters.eq("_id", migrated)).first().getInteger("v"));
    assertEquals(
        "Blue", greenWf().find(Filters.eq("name", "workflow-10")).first().get("description"));
    // Blue's catch-up is no change of Green's, nor the release's edits.
    assertEquals(0, diff().total());
  }
}
