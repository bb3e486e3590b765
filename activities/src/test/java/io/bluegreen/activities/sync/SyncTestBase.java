package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.CollectionSelection;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;

/**
 * Blue copied to Green and baselined before each test, on a real MongoDB-wire server
 * (mongo-java-server) through the real driver; the tests then change both sides and sync.
 */
abstract class SyncTestBase extends ActivityTestBase {
  static final List<String> COPIED = List.of("forms", "migrations", "workflows");
  static final int WORKFLOWS = 300;
  SyncActivities sync;
  String deployment;

  @BeforeEach
  void copyAndBaseline() {
    seedBlue(WORKFLOWS);
    for (int i = 2; i <= 20; i++) {
      db(blue)
          .getCollection("forms")
          .insertOne(new Document("name", "form-" + i).append("fields", List.of("a", "b")));
    }
    db(blue)
        .getCollection("workflows")
        .createIndex(new Document("name", 1), new IndexOptions().unique(true));
    deployment = "bluegreen-" + blue.database();
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    sync = stub(SyncActivities.class, new SyncActivitiesImpl(connections));
    CollectionCopyActivities copy =
        env.newActivityStub(
            CollectionCopyActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    for (String c : COPIED) {
      copy.copyCollection(new CopyInput(blue, green, c, 100));
    }
    BaselineResult r = sync.recordBaseline(new BaselineInput(blue, green, deployment, COPIED, 2));
    assertEquals(WORKFLOWS, byName(r).get("workflows").recorded());
    assertEquals(20, byName(r).get("forms").recorded());
  }

  static Map<String, BaselineResult.Collection> byName(BaselineResult r) {
    Map<String, BaselineResult.Collection> m = new TreeMap<>();
    r.collections().forEach(c -> m.put(c.collection(), c));
    return m;
  }

  SyncResult run(String pass, SyncPolicy policy, int maxListed) {
    return sync.syncCollections(
        new SyncInput(
            blue,
            green,
            deployment,
            COPIED,
            new CollectionSelection(List.of(), List.of()),
            policy,
            pass,
            maxListed,
            2));
  }

  SyncResult full() {
    return run(SyncInput.FULL, SyncPolicy.halt(), 50);
  }

  static SyncCollectionResult of(SyncResult r, String collection) {
    return r.collections().stream()
        .filter(c -> c.collection().equals(collection))
        .findFirst()
        .orElseThrow();
  }

  static GreenCollectionChanges of(GreenDiffResult r, String collection) {
    return r.collections().stream()
        .filter(c -> c.collection().equals(collection))
        .findFirst()
        .orElseThrow();
  }

  /** One catch-up of Blue's late changes in carry mode; the result of {@code collection}. */
  LiveCollectionResult catchUp(String collection) {
    return sync
        .catchUpBlue(
            new LiveChangesInput(
                blue,
                green,
                deployment,
                COPIED,
                new CollectionSelection(List.of(), List.of()),
                "carry",
                1000,
                100,
                2))
        .collections()
        .stream()
        .filter(c -> c.collection().equals(collection))
        .findFirst()
        .orElseThrow();
  }

  MongoCollection<Document> blueWf() {
    return db(blue).getCollection("workflows");
  }

  MongoCollection<Document> greenWf() {
    return db(green).getCollection("workflows");
  }

  /** Green's new release at its first start: every form rewritten, one more migrations record. */
  void migrateGreen() {
    db(green).getCollection("forms").updateMany(new Document(), Updates.set("schema", 2));
    db(green).getCollection("migrations").insertOne(new Document("name", "002-forms-v2"));
  }

  /** Blue's users: 3 edits, 2 inserts, 2 deletes in workflows. */
  void editBlue() {
    for (int i = 0; i < 3; i++) {
      blueWf()
          .updateOne(
              Filters.eq("name", "workflow-" + (10 + i)),
              Updates.set("description", "edited on Blue"));
    }
    blueWf().insertOne(new Document("name", "workflow-new-1"));
    blueWf().insertOne(new Document("name", "workflow-new-2"));
    blueWf().deleteOne(Filters.eq("name", "workflow-50"));
    blueWf().deleteOne(Filters.eq("name", "workflow-51"));
  }

  void assertCarried(SyncCollectionResult wf) {
    assertEquals(2, wf.inserted(), wf.toString());
    assertEquals(3, wf.updated(), wf.toString());
    assertEquals(2, wf.deleted(), wf.toString());
    assertEquals(snapshot(db(blue)).get("workflows"), snapshot(db(green)).get("workflows"));
  }
}
