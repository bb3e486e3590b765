package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Carrying Blue's late changes to Green while Green is LIVE: a Green user's edit, delete or insert
 * that lands between the catch-up's read and its write is kept on Green and listed as a conflict,
 * and the baseline keeps its entry.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CatchUpConcurrentEditsTest extends SyncTestBase {
  @BeforeEach
  void finalPassThenLive() {
    run(SyncInput.FINAL, SyncPolicy.halt(), 20);
  }

  @AfterEach
  void noSeam() {
    ConditionalWrites.beforeWrite = () -> {};
  }

  private LiveCollectionResult carry() {
    return catchUp("workflows");
  }

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

  private Object idOf(String name) {
    return blueWf().find(Filters.eq("name", name)).first().get("_id");
  }

  private static String json(Object id) {
    return BsonIds.toJson(
        id instanceof String s ? new BsonString(s) : new BsonObjectId((ObjectId) id));
  }

  @Test
  void greensUsersEditsBetweenTheReadAndTheWriteAreKeptAndListed() {
    Object edited = idOf("workflow-10");
    Object deletedOnBlue = idOf("workflow-50");
    Object deletedOnGreen = idOf("workflow-60");
    Object carried = idOf("workflow-70");
    // Blue's late changes, after the final pass.
    blueWf().updateOne(Filters.eq("_id", edited), Updates.set("description", "Blue"));
    blueWf().deleteOne(Filters.eq("_id", deletedOnBlue));
    blueWf().updateOne(Filters.eq("_id", deletedOnGreen), Updates.set("description", "Blue"));
    blueWf().insertOne(new Document("_id", "late").append("name", "late on blue"));
    blueWf().updateOne(Filters.eq("_id", carried), Updates.set("description", "Blue"));
    Map<String, byte[]> before = baseline();
    // Green is LIVE; its users act after the catch-up read both sides, before it writes.
    ConditionalWrites.beforeWrite =
        () -> {
          ConditionalWrites.beforeWrite = () -> {};
          greenWf().updateOne(Filters.eq("_id", edited), Updates.set("description", "user"));
          greenWf().updateOne(Filters.eq("_id", deletedOnBlue), Updates.set("description", "user"));
          greenWf().deleteOne(Filters.eq("_id", deletedOnGreen));
          greenWf().insertOne(new Document("_id", "late").append("name", "late on green"));
        };

    LiveCollectionResult r = carry();

    assertEquals("user", greenWf().find(Filters.eq("_id", edited)).first().get("description"));
    assertEquals(
        "user",
        greenWf().find(Filters.eq("_id", deletedOnBlue)).first().get("description"),
        "Green's edit kept, not deleted");
    assertNull(greenWf().find(Filters.eq("_id", deletedOnGreen)).first(), "Green's delete kept");
    assertEquals("late on green", greenWf().find(Filters.eq("_id", "late")).first().get("name"));
    assertEquals("Blue", greenWf().find(Filters.eq("_id", carried)).first().get("description"));
    assertEquals(1, r.updated(), r.toString());
    assertEquals(0, r.inserted() + r.deleted(), r.toString());
    assertEquals(4, r.conflicts(), r.toString());
    Set<String> listed = new TreeSet<>();
    r.changes().stream()
        .filter(c -> c.outcome().equals(LiveChange.CONFLICT))
        .forEach(c -> listed.add(c.id()));
    Set<String> raced =
        Set.of(json(edited), json(deletedOnBlue), json(deletedOnGreen), json("late"));
    assertEquals(new TreeSet<>(raced), listed, r.changes().toString());
    Map<String, byte[]> after = baseline();
    for (String id : raced) {
      assertArrayEquals(before.get(id), after.get(id), "a conflict keeps its entry: " + id);
    }

    // Again, without users: both sides changed each of the four since the baseline.
    LiveCollectionResult again = carry();
    assertEquals(4, again.conflicts(), again.toString());
    assertEquals(0, again.inserted() + again.updated() + again.deleted(), again.toString());
  }
}
