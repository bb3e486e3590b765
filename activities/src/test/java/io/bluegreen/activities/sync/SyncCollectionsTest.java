package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.ConfigBaselineInput;
import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three-way sync of collections and configuration: new and dropped collections, the baseline's
 * life, config changes, bad input.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncCollectionsTest extends SyncTestBase {
  @Test
  void aCollectionCreatedOnBlueAfterPreflightIsCreatedWithItsIndexesAndCopied() {
    MongoCollection<Document> templates = db(blue).getCollection("templates");
    templates.createIndex(
        new Document("slug", 1), new IndexOptions().unique(true).name("slug_unique"));
    for (int i = 0; i < 30; i++) {
      templates.insertOne(new Document("slug", "t" + i));
    }
    db(blue).getCollection("job_history").insertOne(new Document("runtime", true));
    SyncResult r = full();
    SyncCollectionResult t = of(r, "templates");
    assertTrue(t.created());
    assertEquals(30, t.inserted());
    assertTrue(
        r.collections().stream().noneMatch(c -> c.collection().equals("job_history")),
        "runtime data stays behind");
    assertEquals(snapshot(db(blue)).get("templates"), snapshot(db(green)).get("templates"));
    List<String> indexes = new ArrayList<>();
    db(green)
        .getCollection("templates")
        .listIndexes()
        .forEach(i -> indexes.add(i.getString("name")));
    assertTrue(indexes.contains("slug_unique"), indexes.toString());
    // Baselined as it was copied: a later Blue edit is carried, nothing is inserted twice.
    templates.updateOne(Filters.eq("slug", "t1"), Updates.set("x", 1));
    SyncCollectionResult next = of(full(), "templates");
    assertFalse(next.created());
    assertEquals(0, next.inserted());
    assertEquals(1, next.updated());
  }

  @Test
  void aCollectionDroppedOnBlueIsDroppedOnGreenOnlyWhenGreensCopyIsUnchanged() {
    db(green).getCollection("migrations").insertOne(new Document("name", "002-green"));
    db(blue).getCollection("forms").drop();
    db(blue).getCollection("migrations").drop();
    SyncResult r = full();
    SyncCollectionResult forms = of(r, "forms");
    assertTrue(forms.droppedOnBlue() && forms.droppedOnGreen(), forms.toString());
    assertFalse(db(green).listCollectionNames().into(new ArrayList<>()).contains("forms"));
    SyncCollectionResult migrations = of(r, "migrations");
    assertTrue(migrations.droppedOnBlue());
    assertFalse(migrations.droppedOnGreen());
    assertNotNull(migrations.note());
    assertEquals(
        2, db(green).getCollection("migrations").countDocuments(), "Green's changed copy is kept");
  }

  /**
   * Green's new release drops forms and renames migrations: neither comes back with partial data
   * nor is reported as created on Blue. Blue's edit since the baseline is a listed conflict (Green:
   * deleted); green-wins keeps the collection dropped; a collection Blue left alone is Green's own
   * change kept, without a conflict.
   */
  @Test
  void aCollectionGreensReleaseDroppedOrRenamedIsNotRecreatedAndBluesChangesToItAreConflicts() {
    db(green).getCollection("forms").drop();
    db(green)
        .getCollection("migrations")
        .renameCollection(new MongoNamespace(green.database(), "schema_migrations"));
    db(blue)
        .getCollection("forms")
        .updateOne(Filters.eq("name", "form-2"), Updates.set("fields", List.of("a")));
    db(blue).getCollection("forms").insertOne(new Document("name", "form-new"));

    SyncResult r = full();
    SyncCollectionResult forms = of(r, "forms");
    assertFalse(forms.created(), forms.toString());
    assertEquals(2, forms.conflicts(), forms.toString());
    assertEquals(19, forms.greenKept(), "Blue's unchanged forms: Green's deletes, kept");
    assertTrue(forms.note().contains("dropped or renamed on Green"), forms.note());
    assertEquals(
        List.of("inserted/deleted", "updated/deleted"),
        r.conflictSamples().stream()
            .filter(c -> c.collection().equals("forms"))
            .map(c -> c.blueChange() + "/" + c.greenChange())
            .sorted()
            .toList());
    SyncCollectionResult migrations = of(r, "migrations");
    assertFalse(migrations.created());
    assertEquals(0, migrations.conflicts(), "Blue did not change it: Green's own change, kept");
    assertTrue(migrations.note().contains("not recreated"), migrations.note());
    List<String> greenNames = db(green).listCollectionNames().into(new ArrayList<>());
    assertFalse(
        greenNames.contains("forms") || greenNames.contains("migrations"), greenNames.toString());

    SyncResult settled =
        run(
            SyncInput.FULL,
            new SyncPolicy(SyncPolicy.HALT, Map.of("forms", SyncPolicy.GREEN_WINS)),
            50);
    assertEquals(0, settled.totalConflicts());
    assertEquals(2, of(settled, "forms").resolved());
    assertFalse(
        db(green).listCollectionNames().into(new ArrayList<>()).contains("forms"),
        "green-wins keeps it dropped");
  }

  @Test
  void dropBaselineRemovesOnlyThisDeploymentsBaseline() {
    SyncActivitiesImpl impl = new SyncActivitiesImpl(connections);
    MongoDatabase state = connections.mongo("local").getDatabase(connections.stateDatabase());
    String other = "other-" + deployment;
    sync.recordBaseline(new BaselineInput(blue, green, other, List.of("forms"), 1));
    assertTrue(
        names(state).stream()
            .anyMatch(n -> n.startsWith(BaselineStore.key(deployment, green.database()) + "~")));
    assertTrue(sync.dropBaseline(new DropBaselineInput(green, deployment)).dropped() >= 4);
    assertTrue(
        names(state).stream()
            .noneMatch(n -> n.startsWith(BaselineStore.key(deployment, green.database()) + "~")));
    assertTrue(
        names(state).stream()
            .anyMatch(n -> n.startsWith(BaselineStore.key(other, green.database()) + "~")),
        "another deployment's baseline stays");
    assertEquals(
        0,
        sync.dropBaseline(new DropBaselineInput(green, deployment)).dropped(),
        "a retry finds nothing to drop");
    sync.dropBaseline(new DropBaselineInput(green, other));
    assertNotNull(impl);
  }

  static List<String> names(MongoDatabase db) {
    return db.listCollectionNames().into(new ArrayList<>());
  }

  @Test
  void recordingTheBaselineAgainKeepsTheFirstOne() {
    migrateGreen();
    BaselineResult again =
        sync.recordBaseline(new BaselineInput(blue, green, deployment, COPIED, 2));
    assertTrue(byName(again).get("forms").alreadyRecorded());
    assertEquals(20, byName(again).get("forms").recorded());
    assertEquals(
        20,
        of(full(), "forms").greenKept(),
        "the migration is still Green's own, not a new baseline");
  }

  @Test
  void blueConfigChangesAreReportedAndGreensOwnAreNotTouched() {
    db(green)
        .getCollection("service_configs")
        .insertOne(new Document("name", "adapter-1").append("properties", "green's own"));
    sync.recordConfigBaseline(
        new ConfigBaselineInput(blue, green, deployment, List.of("startJobs", "taskWorker")));
    assertEquals(List.of(), full().configChanges());

    MongoCollection<Document> profiles = db(blue).getCollection("iap_profiles");
    profiles.updateOne(Filters.eq("id", "blue"), Updates.set("startJobs", false));
    assertEquals(List.of(), full().configChanges(), "the cutover's own switch is not a change");

    profiles.updateOne(Filters.eq("id", "blue"), Updates.set("description", "edited"));
    MongoCollection<Document> services = db(blue).getCollection("service_configs");
    services.updateOne(Filters.eq("name", "adapter-1"), Updates.set("properties.port", 9999));
    services.deleteOne(Filters.eq("name", "adapter-2"));
    services.insertOne(new Document("name", "adapter-9"));
    assertEquals(
        List.of(
            new ConfigChange("iap_profiles", "blue", "updated"),
            new ConfigChange("service_configs", "adapter-1", "updated"),
            new ConfigChange("service_configs", "adapter-2", "deleted"),
            new ConfigChange("service_configs", "adapter-9", "inserted")),
        full().configChanges());
    assertEquals(
        "green's own",
        db(green).getCollection("service_configs").find().first().getString("properties"));
  }

  @Test
  void anUnknownPolicyIsRefusedBeforeAnyWrite() {
    editBlue();
    Map<String, List<String>> greenBefore = snapshot(db(green));
    var f =
        failure(
            () ->
                run(
                    SyncInput.FULL,
                    new SyncPolicy(SyncPolicy.HALT, Map.of("workflows", "blue-win")),
                    10));
    assertFailure(f, FailureTypes.INVALID_INPUT, true);
    assertTrue(
        f.getOriginalMessage()
            .contains("unknown sync policy 'blue-win' for collection 'workflows'"),
        f.getOriginalMessage());
    assertEquals(greenBefore, snapshot(db(green)));
  }
}
