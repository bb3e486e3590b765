package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.RangeSplit;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large collection with {@code _id}s of several types, split by SplitCollection and copied range
 * by range: Green gets the collection and its indexes from the split, every document exactly once
 * from the ranges, and a verification per range finds a difference in the one range that has it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RangedCopyTest extends ActivityTestBase {
  static final int PER_TYPE = 1000;
  CollectionCopyActivities copy;

  @BeforeEach
  void setUp() {
    MongoCollection<Document> jobs = db(blue).getCollection("jobs");
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < PER_TYPE; i++) {
      docs.add(new Document("_id", i).append("n", i).append("name", "int-" + i));
      docs.add(new Document("_id", "job-" + i).append("n", i).append("name", "str-" + i));
      docs.add(new Document("_id", new ObjectId()).append("n", i).append("name", "oid-" + i));
    }
    jobs.insertMany(docs);
    jobs.createIndex(new Document("name", 1), new IndexOptions().unique(true).name("name_unique"));
    copy = stub(CollectionCopyActivities.class, new CollectionCopyActivitiesImpl(connections));
  }

  @Test
  void aSplitCollectionCopiesEveryDocumentOnceAndVerifiesRangeByRange() {
    RangeSplit split = copy.splitCollection(new RangeSplitInput(blue, green, "jobs", 4));
    assertEquals(4, split.ranges().size(), "" + split);
    assertEquals(2, split.indexes(), "_id_ and name_unique");
    assertTrue(
        db(green).getCollection("jobs").listIndexes().into(new ArrayList<>()).stream()
            .anyMatch(i -> "name_unique".equals(i.getString("name"))),
        "the split made Green's indexes");
    Set<String> boundTypes = new HashSet<>();
    for (IdRange r : split.ranges()) {
      if (r.fromId() != null) {
        boundTypes.add(BsonIds.fromJson(r.fromId()).getBsonType().name());
      }
    }
    assertTrue(boundTypes.size() >= 2, "bounds of several types: " + split.ranges());

    long copied = 0;
    for (IdRange r : split.ranges()) {
      long n = copy.copyCollection(new CopyInput(blue, green, "jobs", 100, 0, r)).documents();
      assertTrue(
          n > PER_TYPE * 3 / 8 && n < PER_TYPE * 3 * 3 / 8,
          "about a quarter each: range " + r.label() + " " + n);
      copied += n;
    }
    assertEquals(3L * PER_TYPE, copied);
    List<RawBsonDocument> b =
        db(blue)
            .getCollection("jobs", RawBsonDocument.class)
            .find()
            .sort(Sorts.ascending("_id"))
            .into(new ArrayList<>());
    List<RawBsonDocument> g =
        db(green)
            .getCollection("jobs", RawBsonDocument.class)
            .find()
            .sort(Sorts.ascending("_id"))
            .into(new ArrayList<>());
    assertEquals(b.size(), g.size());
    for (int i = 0; i < b.size(); i++) {
      assertArrayEquals(bytes(b.get(i)), bytes(g.get(i)), "document " + b.get(i).get("_id"));
    }

    Map<String, List<IdRange>> ranges = Map.of("jobs", split.ranges());
    List<VerifyResult> verified =
        copy.verifyCollections(
                new VerifyCollectionsInput(blue, green, List.of("jobs"), 5, 2, ranges))
            .results();
    assertEquals(4, verified.size(), "one result per range");
    assertTrue(verified.stream().allMatch(VerifyResult::match), "" + verified);
    assertEquals(3L * PER_TYPE, verified.stream().mapToLong(VerifyResult::blueDocuments).sum());

    // One document changed on Green: the range holding it differs, the others still match.
    db(green)
        .getCollection("jobs")
        .updateOne(Filters.eq("_id", "job-500"), new Document("$set", new Document("n", -1)));
    verified =
        copy.verifyCollections(
                new VerifyCollectionsInput(blue, green, List.of("jobs"), 5, 2, ranges))
            .results();
    List<VerifyResult> differing = verified.stream().filter(v -> !v.match()).toList();
    assertEquals(1, differing.size(), "" + verified);
    assertEquals(1, differing.get(0).changed());
    assertEquals(List.of(BsonIds.toJson(new BsonString("job-500"))), differing.get(0).sampleIds());
    assertFalse(differing.get(0).range() == null);
  }
}
