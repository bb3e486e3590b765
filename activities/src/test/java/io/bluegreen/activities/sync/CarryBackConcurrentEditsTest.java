package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.copy.BsonIds;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The carry-back writes to Blue while Blue serves again: a Blue user's edit, delete or insert that
 * lands between the carry-back's reads and its write is kept on Blue and listed as a conflict,
 * never overwritten.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CarryBackConcurrentEditsTest extends SyncTestBase {
  private GreenChangesActivities changes;

  @BeforeEach
  void cutOver() {
    changes = stub(GreenChangesActivities.class, new GreenChangesActivitiesImpl(connections));
    run(SyncInput.FINAL, SyncPolicy.halt(), 50); // the cutover's final pass: the baseline = Green
  }

  @AfterEach
  void noSeam() {
    ConditionalWrites.beforeWrite = () -> {};
  }

  private CarriedBack carryBack() {
    return changes
        .carryBack(new CarryBackInput(blue, green, deployment, List.of("workflows"), 100))
        .collections()
        .get(0);
  }

  private Object idOf(String name) {
    return greenWf().find(Filters.eq("name", name)).first().get("_id");
  }

  private static String json(Object id) {
    return BsonIds.toJson(
        id instanceof String s ? new BsonString(s) : new BsonObjectId((ObjectId) id));
  }

  @Test
  void bluesUsersEditsBetweenTheReadAndTheWriteAreKeptAndListed() {
    Object edited = idOf("workflow-7");
    Object deletedOnBlue = idOf("workflow-9");
    Object deletedOnGreen = idOf("workflow-8");
    Object carried = idOf("workflow-10");
    // Green while LIVE: an edit, an edit, a delete, an insert, and one more edit.
    greenWf().updateOne(Filters.eq("_id", edited), Updates.set("x", "green"));
    greenWf().updateOne(Filters.eq("_id", deletedOnBlue), Updates.set("x", "green"));
    greenWf().deleteOne(Filters.eq("_id", deletedOnGreen));
    greenWf().insertOne(new Document("_id", "made-live").append("name", "made on green"));
    greenWf().updateOne(Filters.eq("_id", carried), Updates.set("x", "green"));
    // Blue serves again; its users act after the carry-back decided, before it writes.
    ConditionalWrites.beforeWrite =
        () -> {
          ConditionalWrites.beforeWrite = () -> {};
          blueWf().updateOne(Filters.eq("_id", edited), Updates.set("x", "blue user"));
          blueWf().deleteOne(Filters.eq("_id", deletedOnBlue));
          blueWf().updateOne(Filters.eq("_id", deletedOnGreen), Updates.set("x", "blue user"));
          blueWf().insertOne(new Document("_id", "made-live").append("name", "made on blue"));
        };

    CarriedBack wf = carryBack();

    assertEquals("blue user", blueWf().find(Filters.eq("_id", edited)).first().get("x"));
    assertNull(blueWf().find(Filters.eq("_id", deletedOnBlue)).first(), "Blue's delete kept");
    assertEquals(
        "blue user",
        blueWf().find(Filters.eq("_id", deletedOnGreen)).first().get("x"),
        "Blue's edit kept, not deleted");
    assertEquals("made on blue", blueWf().find(Filters.eq("_id", "made-live")).first().get("name"));
    assertEquals("green", blueWf().find(Filters.eq("_id", carried)).first().get("x"));
    assertEquals(1, wf.updated(), wf.toString());
    assertEquals(0, wf.inserted() + wf.deleted(), wf.toString());
    assertEquals(List.of(json(carried)), wf.updatedIds(), wf.toString());
    assertEquals(4, wf.conflicts(), wf.toString());
    Set<String> listed = new TreeSet<>();
    wf.conflictSamples().forEach(c -> listed.add(c.id()));
    assertEquals(
        new TreeSet<>(
            Set.of(json(edited), json(deletedOnBlue), json(deletedOnGreen), json("made-live"))),
        listed);
    for (SyncConflict c : wf.conflictSamples()) {
      assertTrue(
          !c.blueChange().contains("blue user") && !c.blueChange().contains("made on"),
          c.blueChange());
    }

    // Again, without users: the same four are listed (the baseline was not moved for them).
    CarriedBack again = carryBack();
    assertEquals(4, again.conflicts(), again.toString());
    assertEquals(0, again.inserted() + again.updated() + again.deleted(), again.toString());
  }
}
