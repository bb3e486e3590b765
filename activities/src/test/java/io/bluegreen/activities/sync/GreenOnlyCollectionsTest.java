package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A collection made on Green after the cutover (a new custom resource model users created while
 * LIVE) is in no pass's list and Blue has none: Green's changes still name it, every document as
 * created, so a rollback never leaves it behind unnamed; one Green's release made before the
 * cutover is not named.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GreenOnlyCollectionsTest extends SyncTestBase {
  private GreenChangesActivities changes;

  @BeforeEach
  void releaseMakesCollectionsThenCutOver() {
    changes = stub(GreenChangesActivities.class, new GreenChangesActivitiesImpl(connections));
    db(green).getCollection("release_settings").insertOne(new Document("name", "by-release"));
    full();
    // Made between the cutover's two passes: still the release's, there at the cutover.
    db(green).getCollection("release_cache").insertOne(new Document("name", "by-release"));
    run(SyncInput.FINAL, SyncPolicy.halt(), 50);
  }

  private GreenDiffResult diff() {
    return changes.diffGreen(new GreenDiffInput(blue, green, deployment, COPIED, 100, true));
  }

  private static List<String> names(GreenDiffResult r) {
    return r.collections().stream().map(GreenCollectionChanges::collection).toList();
  }

  @Test
  void aCollectionMadeWhileLiveIsNamedWithItsDocumentsAsCreated() {
    for (int i = 0; i < 3; i++) {
      db(green).getCollection("custom_models").insertOne(new Document("model", "m-" + i));
    }

    GreenDiffResult r = diff();

    GreenCollectionChanges made = of(r, "custom_models");
    assertEquals(3, made.created(), made.toString());
    assertEquals(3, made.createdIds().size(), made.toString());
    assertEquals(GreenOnlyCollections.MADE_AFTER_CUTOVER, made.note());
    assertEquals(3, r.created(), "counted in the totals");
    assertFalse(names(r).contains("release_settings"), "the release's, there at the cutover");
    assertFalse(names(r).contains("release_cache"), "made before the final pass");
  }

  @Test
  void aComparisonAskedByOlderWorkflowCodeNamesOnlyTheDeploymentsCollections() {
    db(green).getCollection("custom_models").insertOne(new Document("model", "m"));

    GreenDiffResult r =
        changes.diffGreen(new GreenDiffInput(blue, green, deployment, COPIED, 100, null));

    assertEquals(COPIED, names(r), "the result shape that code replays with");
  }

  @Test
  void itsIdsAreCappedItsCountIsNot() {
    List<Document> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(new Document("model", "m-" + i));
    }
    db(green).getCollection("custom_models").insertMany(many);

    GreenCollectionChanges made = of(diff(), "custom_models");

    assertEquals(150, made.created());
    assertEquals(100, made.createdIds().size());
  }

  @Test
  void runtimeCollectionsAndOnesTheDeploymentLeftOutOfBluesAreNotNamed() {
    // Runtime data Green's platform writes once LIVE, and a collection Blue has that the
    // deployment did not copy (excluded by the request, say), made on Green after the cutover.
    db(green).getCollection("jobs").insertOne(new Document("status", "running"));
    db(blue).getCollection("audit_trail").insertOne(new Document("who", "blue"));
    db(green).getCollection("audit_trail").insertOne(new Document("who", "green"));

    assertEquals(COPIED, names(diff()));
  }

  @Test
  void nothingMadeSinceTheCutoverNamesNothingMore() {
    GreenDiffResult r = diff();

    assertEquals(COPIED, names(r));
    assertEquals(0, r.created() + r.changed() + r.deleted());
  }

  @Test
  void withoutTheCutoversListEveryCollectionOnlyGreenHasIsNamedAsNotKnown() {
    // The final pass ran on a worker that recorded no list of Green's collections.
    MongoDatabase state = connections.mongo("local").getDatabase(connections.stateDatabase());
    state
        .getCollection(BaselineStore.key(deployment, green.database()) + "~meta")
        .deleteOne(Filters.eq("_id", "cutover-collections"));
    db(green).getCollection("custom_models").insertOne(new Document("model", "m"));

    GreenDiffResult r = diff();

    // Named, not compared: they may be the release's.
    assertEquals(GreenOnlyCollections.NOT_KNOWN, of(r, "release_settings").note());
    assertEquals(0, of(r, "release_settings").total());
    assertEquals(GreenOnlyCollections.NOT_KNOWN, of(r, "custom_models").note());
    assertEquals(0, r.created());
  }
}
