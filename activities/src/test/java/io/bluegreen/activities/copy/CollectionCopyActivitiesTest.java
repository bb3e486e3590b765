package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CollectionCopyActivitiesTest extends ActivityTestBase {
  static final int DOCS = 600;
  CollectionCopyActivities copy;
  final List<CopyCheckpoint> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    seedBlue(DOCS);
    MongoCollection<Document> wf = db(blue).getCollection("workflows");
    wf.createIndex(new Document("name", 1), new IndexOptions().unique(true).name("name_unique"));
    wf.createIndex(
        new Document("meta.tags", 1).append("created", -1), new IndexOptions().sparse(true));
    wf.createIndex(
        new Document("created", 1), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
    copy = stub(CollectionCopyActivities.class, new CollectionCopyActivitiesImpl(connections));
    env.setActivityHeartbeatListener(CopyCheckpoint.class, heartbeats::add);
  }

  CopyResult copyWorkflows(int batchSize) {
    return copy.copyCollection(new CopyInput(blue, green, "workflows", batchSize));
  }

  VerifyResult verify() {
    return copy.verifyCollection(new VerifyInput(blue, green, "workflows", 10));
  }

  List<RawBsonDocument> docs(MongoDatabase db) {
    return db.getCollection("workflows", RawBsonDocument.class)
        .find()
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  void assertGreenIdenticalToBlue() {
    List<RawBsonDocument> b = docs(db(blue));
    List<RawBsonDocument> g = docs(db(green));
    assertEquals(b.size(), g.size());
    for (int i = 0; i < b.size(); i++) {
      assertArrayEquals(bytes(b.get(i)), bytes(g.get(i)), "document " + i);
    }
  }

  @Test
  void copiesDocumentsByteForByteWithIndexesAndCheckpointsEachBatch() {
    Map<String, List<String>> blueBefore = snapshot(db(blue));
    CopyResult r = copyWorkflows(100);
    assertEquals("workflows", r.collection());
    assertEquals(DOCS, r.documents());
    assertEquals(4, r.indexes());
    assertTrue(r.bytes() > DOCS * 100L);
    assertGreenIdenticalToBlue();
    assertEquals(blueBefore, snapshot(db(blue)));

    List<Document> indexes =
        db(green).getCollection("workflows").listIndexes().into(new ArrayList<>());
    Document unique =
        indexes.stream()
            .filter(i -> i.getString("name").equals("name_unique"))
            .findFirst()
            .orElseThrow();
    assertEquals(true, unique.get("unique"));
    Document sparse =
        indexes.stream()
            .filter(i -> i.getString("name").equals("meta.tags_1_created_-1"))
            .findFirst()
            .orElseThrow();
    assertEquals(true, sparse.get("sparse"));
    assertEquals(new Document("meta.tags", 1).append("created", -1), sparse.get("key"));
    Document ttl =
        indexes.stream()
            .filter(i -> i.getString("name").equals("created_1"))
            .findFirst()
            .orElseThrow();
    assertEquals(3600L, ((Number) ttl.get("expireAfterSeconds")).longValue());

    // Heartbeats are throttled, so not every batch's checkpoint arrives; each one that does
    // names the last copied _id, with its exact type, consistently with its count. (On a loaded
    // machine the keep-alive may beat first, with no checkpoint yet: that one carries nothing.)
    assertFalse(heartbeats.isEmpty());
    List<RawBsonDocument> blueDocs = docs(db(blue));
    for (CopyCheckpoint cp : heartbeats.stream().filter(Objects::nonNull).toList()) {
      assertEquals("workflows", cp.collection());
      assertEquals(0, cp.copied() % 100, "a checkpoint ends a batch");
      BsonValue lastId = BsonIds.fromJson(cp.lastId());
      assertTrue(lastId.isObjectId());
      assertEquals(blueDocs.get((int) cp.copied() - 1).get("_id"), lastId);
    }

    VerifyResult v = verify();
    assertTrue(v.match(), v.toString());
    assertEquals(v.blueDigest(), v.greenDigest());
    assertEquals(DOCS, v.blueDocuments());
  }

  @Test
  void resumesAfterTheCheckpointAndStillEndsIdentical() {
    List<RawBsonDocument> blueDocs = docs(db(blue));
    BsonValue at = blueDocs.get(299).get("_id");
    env.setHeartbeatDetails(new CopyCheckpoint("workflows", BsonIds.toJson(at), 300, 12345));
    CopyResult r = copyWorkflows(100);
    assertEquals(DOCS, r.documents(), "counts continue from the checkpoint");
    List<RawBsonDocument> greenDocs = docs(db(green));
    assertEquals(
        DOCS - 300, greenDocs.size(), "only the documents after the checkpoint are copied");
    assertEquals(blueDocs.get(300).get("_id"), greenDocs.get(0).get("_id"));

    // the earlier attempt's documents, as it left them: now Green is whole and identical
    db(green)
        .getCollection("workflows", RawBsonDocument.class)
        .insertMany(blueDocs.subList(0, 300));
    assertGreenIdenticalToBlue();
    assertTrue(verify().match());
  }

  @Test
  void aReplayedBatchDoesNotDuplicate() {
    List<RawBsonDocument> blueDocs = docs(db(blue));
    // The earlier attempt inserted 350 documents but its last heartbeat said 200.
    db(green)
        .getCollection("workflows", RawBsonDocument.class)
        .insertMany(blueDocs.subList(0, 350));
    env.setHeartbeatDetails(
        new CopyCheckpoint("workflows", BsonIds.toJson(blueDocs.get(199).get("_id")), 200, 0));
    CopyResult r = copyWorkflows(100);
    assertEquals(DOCS, r.documents());
    assertEquals(DOCS, db(green).getCollection("workflows").countDocuments());
    assertGreenIdenticalToBlue();
  }

  @Test
  void aCheckpointOfAnotherCollectionIsIgnored() {
    env.setHeartbeatDetails(
        new CopyCheckpoint("forms", BsonIds.toJson(docs(db(blue)).get(500).get("_id")), 501, 0));
    assertEquals(DOCS, copyWorkflows(1000).documents());
    assertGreenIdenticalToBlue();
  }

  @Test
  void resumesAcrossMixedIdTypes() {
    MongoCollection<Document> mixed = db(blue).getCollection("mixed");
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      docs.add(new Document("_id", i).append("n", i));
      docs.add(new Document("_id", "s" + i).append("n", i));
      docs.add(new Document("_id", new ObjectId()).append("n", i));
    }
    mixed.insertMany(docs);
    env.setHeartbeatDetails(new CopyCheckpoint("mixed", BsonIds.toJson(new BsonInt32(4)), 5, 0));
    CopyResult r = copy.copyCollection(new CopyInput(blue, green, "mixed", 7));
    assertEquals(30, r.documents());
    assertEquals(
        25,
        db(green).getCollection("mixed").countDocuments(),
        "ints 5-9, all strings, all ObjectIds");
  }

  @Test
  void copiesAnEmptyCollection() {
    db(blue).createCollection("empty");
    CopyResult r = copy.copyCollection(new CopyInput(blue, green, "empty", 100));
    assertEquals(0, r.documents());
    assertTrue(db(green).listCollectionNames().into(new ArrayList<>()).contains("empty"));
  }

  @Test
  void stopsPromptlyWhenCanceled() {
    env.requestCancelActivity();
    assertThrows(RuntimeException.class, () -> copyWorkflows(50));
    assertEquals(
        50, db(green).getCollection("workflows").countDocuments(), "stops at the first heartbeat");
  }

  @Test
  void verifyFindsEveryDifferenceAndResyncRepairsIt() {
    copyWorkflows(250);
    List<RawBsonDocument> blueDocs = docs(db(blue));
    MongoCollection<Document> g = db(green).getCollection("workflows");
    List<String> expected = new ArrayList<>();
    for (int i : new int[] {3, 77, 598}) {
      g.deleteOne(new Document("_id", blueDocs.get(i).get("_id")));
    }
    for (int i : new int[] {10, 11, 400, 401}) {
      g.updateOne(
          new Document("_id", blueDocs.get(i).get("_id")),
          new Document("$set", new Document("name", "edited-" + i)));
    }
    ObjectId extra1 = new ObjectId();
    g.insertOne(new Document("_id", extra1).append("name", "only-green"));
    g.insertOne(new Document("_id", "zz-string-id").append("name", "only-green-2"));
    for (int i : new int[] {3, 10, 11, 77, 400, 401, 598}) {
      expected.add(BsonIds.toJson(blueDocs.get(i).get("_id")));
    }
    expected.add(BsonIds.toJson(new BsonObjectId(extra1)));
    expected.add(BsonIds.toJson(new BsonString("zz-string-id")));

    VerifyResult v = copy.verifyCollection(new VerifyInput(blue, green, "workflows", 100));
    assertFalse(v.match());
    assertEquals(3, v.missing());
    assertEquals(2, v.extra());
    assertEquals(4, v.changed());
    assertEquals(DOCS, v.blueDocuments());
    assertEquals(DOCS - 3 + 2, v.greenDocuments());
    assertNotEquals(v.blueDigest(), v.greenDigest());
    assertEquals(expected.stream().sorted().toList(), v.sampleIds().stream().sorted().toList());
    assertEquals(
        2, copy.verifyCollection(new VerifyInput(blue, green, "workflows", 2)).sampleIds().size());

    // Several collections verified in one activity give the same answer, per collection, in order.
    db(blue)
        .getCollection("catalog_x")
        .insertMany(List.of(new Document("_id", 1).append("name", "f1"), new Document("_id", 2)));
    db(green)
        .getCollection("catalog_x")
        .insertMany(List.of(new Document("_id", 1).append("name", "f1"), new Document("_id", 2)));
    VerifyCollectionsResult together =
        copy.verifyCollections(
            new VerifyCollectionsInput(
                blue, green, List.of("workflows", "catalog_x", "absent"), 100, 2));
    assertEquals(
        List.of("workflows", "catalog_x", "absent"),
        together.results().stream().map(VerifyResult::collection).toList());
    assertEquals(v, together.results().get(0));
    assertTrue(together.results().get(1).match(), together.results().get(1).toString());
    assertEquals(2, together.results().get(1).blueDocuments());
    assertTrue(together.results().get(2).match(), "a collection absent on both sides matches");

    ResyncResult r = copy.resyncCollection(new ResyncInput(blue, green, "workflows"));
    assertEquals(new ResyncResult("workflows", 3, 4, 2), r);
    VerifyResult after = verify();
    assertTrue(after.match(), after.toString());
    assertEquals(v.blueDigest(), after.greenDigest());
    assertGreenIdenticalToBlue();
    assertEquals(
        new ResyncResult("workflows", 0, 0, 0),
        copy.resyncCollection(new ResyncInput(blue, green, "workflows")));
  }
}
