package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.VerifyInput;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A unique-key swap on Blue (two documents exchange a unique value) used to make the cutover's
 * resync fail with E11000 on every retry, holding Blue's jobs stopped. On a real MongoDB-wire
 * server (mongo-java-server, which enforces unique indexes) the resync now goes through.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UniqueSwapResyncTest extends ActivityTestBase {
  CollectionCopyActivities copy;

  @BeforeEach
  void setUp() {
    MongoCollection<Document> forms = db(blue).getCollection("forms");
    forms.createIndex(new Document("name", 1), new IndexOptions().unique(true).name("name_unique"));
    for (int i = 0; i < 20; i++) {
      forms.insertOne(
          new Document("_id", "form-" + i).append("name", "name-" + i).append("version", 1));
    }
    copy = stub(CollectionCopyActivities.class, new CollectionCopyActivitiesImpl(connections));
    copy.copyCollection(new CopyInput(blue, green, "forms", 100));
  }

  @Test
  void swappedUniqueValuesOnBlueResyncToGreen() {
    MongoCollection<Document> forms = db(blue).getCollection("forms");
    // The swap, through a temporary value as an application on Blue would do it.
    forms.updateOne(Filters.eq("_id", "form-1"), Updates.set("name", "tmp"));
    forms.updateOne(Filters.eq("_id", "form-2"), Updates.set("name", "name-1"));
    forms.updateOne(Filters.eq("_id", "form-1"), Updates.set("name", "name-2"));

    ResyncResult r = copy.resyncCollection(new ResyncInput(blue, green, "forms"));

    assertEquals(2, r.replaced());
    assertTrue(
        copy.verifyCollection(new VerifyInput(blue, green, "forms", 10)).match(),
        "Green equals Blue after the swap");
    assertEquals(
        "name-2",
        db(green)
            .getCollection("forms")
            .find(Filters.eq("_id", "form-1"))
            .first()
            .getString("name"));
  }
}
