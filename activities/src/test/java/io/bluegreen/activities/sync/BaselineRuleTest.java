package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The baseline's rule (what bluegreen wrote to Green, less Green's own from before the copy), its
 * key (one per run and Green database, other runs' refused at PREFLIGHT) and its conditional
 * commits, on a real MongoDB-wire server through the real driver.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BaselineRuleTest extends SyncTestBase {

  private SyncResult fullOf(String deploymentKey, List<String> collections) {
    return sync.syncCollections(
        new SyncInput(
            blue,
            green,
            deploymentKey,
            collections,
            null,
            SyncPolicy.halt(),
            SyncInput.FULL,
            10,
            2));
  }

  @Test
  void blueEditsAndDeletesBetweenACollectionsCopyAndTheBaselineAreOnlyBluesChanges() {
    // The copy (in the set-up) is hours before the baseline: Blue changes meanwhile.
    // The run's key from scratch, as PREFLIGHT leaves it (a dropped baseline stays dropped).
    sync.prepareBaseline(new PrepareBaselineInput(green, deployment, COPIED, true, false));
    blueWf().deleteOne(Filters.eq("name", "workflow-5"));
    blueWf()
        .updateOne(
            Filters.eq("name", "workflow-6"),
            Updates.set("owner", "edited on Blue after the copy"));
    BaselineResult b = sync.recordBaseline(new BaselineInput(blue, green, deployment, COPIED, 2));
    assertEquals(
        WORKFLOWS,
        byName(b).get("workflows").recorded(),
        "every document bluegreen wrote is in the baseline");
    assertEquals(0, byName(b).get("workflows").differing());

    SyncResult r = full();
    assertEquals(0, r.totalConflicts(), "no conflict nobody made: " + r);
    SyncCollectionResult wf = of(r, "workflows");
    assertEquals(1, wf.deleted(), wf.toString());
    assertEquals(1, wf.updated(), wf.toString());
    assertEquals(0, wf.greenKept(), "the deleted resource does not stay on Green as Green's own");
    assertNull(greenWf().find(Filters.eq("name", "workflow-5")).first());
    assertEquals(
        "edited on Blue after the copy",
        greenWf().find(Filters.eq("name", "workflow-6")).first().getString("owner"));
  }

  @Test
  void onlyTheDocumentsGreenHeldBeforeTheCopyAreLeftOut() {
    // copy.greenMustBeEmpty false: Green already holds a collection to copy, with a document Blue
    // lacks.
    String extras = "extras";
    db(green)
        .getCollection(extras)
        .insertOne(new Document("_id", "green-before").append("name", "greens"));
    for (int i = 0; i < 5; i++) {
      db(blue).getCollection(extras).insertOne(new Document("_id", "blue-" + i).append("v", i));
    }
    PrepareBaselineResult p =
        sync.prepareBaseline(
            new PrepareBaselineInput(green, deployment, List.of(extras), false, false));
    assertEquals(1, p.greenOwnDocuments());
    copyStub().copyCollection(new CopyInput(blue, green, extras, 100));
    BaselineResult b =
        sync.recordBaseline(new BaselineInput(blue, green, deployment, List.of(extras), 1));
    assertEquals(5, byName(b).get(extras).recorded());
    assertEquals(1, byName(b).get(extras).differing(), "Green's own document is left out");

    db(blue).getCollection(extras).deleteMany(new Document());
    SyncCollectionResult r =
        of(
            sync.syncCollections(
                new SyncInput(
                    blue,
                    green,
                    deployment,
                    List.of(extras),
                    null,
                    new SyncPolicy(SyncPolicy.BLUE_WINS, Map.of()),
                    SyncInput.FULL,
                    10,
                    1)),
            extras);
    assertEquals(5, r.deleted(), r.toString());
    assertEquals(1, r.greenKept(), r.toString());
    assertEquals(1, db(green).getCollection(extras).countDocuments());
    assertNotNull(db(green).getCollection(extras).find(Filters.eq("_id", "green-before")).first());
  }

  @Test
  void aLaterRunUnderTheSameWorkflowIdHasItsOwnBaselineAndPreflightNamesTheOldOne() {
    String firstRun = deployment + "@run-1";
    String secondRun = deployment + "@run-2";
    sync.recordBaseline(new BaselineInput(blue, green, firstRun, COPIED, 2));
    // The first run kept its baseline; Blue changes after it.
    blueWf().updateOne(Filters.eq("name", "workflow-8"), Updates.set("owner", "latest"));

    PrepareBaselineInput second = new PrepareBaselineInput(green, secondRun, COPIED, true, false);
    ActivityFailure refused =
        assertThrows(ActivityFailure.class, () -> onceOnly().prepareBaseline(second));
    ApplicationFailure f = (ApplicationFailure) refused.getCause();
    assertEquals(FailureTypes.PREFLIGHT_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    String message = f.getOriginalMessage();
    assertTrue(message.contains("'" + firstRun + "'"), message);
    assertTrue(
        message.contains("'" + deployment + "'"),
        "the set-up's baseline (an earlier run too) is named: " + message);
    assertTrue(message.contains("sync.dropStaleBaselines: true"), message);
    assertTrue(message.contains("getSiblingDB('" + connections.stateDatabase() + "')"), message);
    assertTrue(
        message.contains(BaselineStore.key(firstRun, green.database()) + "~"),
        "the command names its collections: " + message);
    assertFalse(message.contains("mongodb://"), message);

    // Another Green database's baseline is not this Green's business.
    PlatformSpec otherGreen =
        new PlatformSpec("local", green.database() + "_other", "local", 5, "green");
    assertEquals(
        List.of(),
        sync.prepareBaseline(new PrepareBaselineInput(otherGreen, secondRun, COPIED, true, false))
            .staleBaselines());

    PrepareBaselineResult dropped =
        sync.prepareBaseline(new PrepareBaselineInput(green, secondRun, COPIED, true, true));
    assertEquals(Set.of(deployment, firstRun), Set.copyOf(dropped.staleBaselines()));
    assertTrue(stateCollections(BaselineStore.key(firstRun, green.database()) + "~").isEmpty());
    assertTrue(stateCollections(BaselineStore.key(deployment, green.database()) + "~").isEmpty());

    // The second run records its own baseline: Blue's latest edit follows, no false conflict.
    BaselineResult b = sync.recordBaseline(new BaselineInput(blue, green, secondRun, COPIED, 2));
    assertFalse(byName(b).get("workflows").alreadyRecorded(), "never the first run's baseline");
    SyncResult r = fullOf(secondRun, COPIED);
    assertEquals(0, r.totalConflicts(), r.toString());
    assertEquals(1, of(r, "workflows").updated());
    assertEquals(
        "latest", greenWf().find(Filters.eq("name", "workflow-8")).first().getString("owner"));
  }

  @Test
  void twoOverlappingBaselineCommitsLeaveAUsableBaseline() {
    BaselineStore store = new BaselineStore(stateDb(), deployment, green.database());
    // Two attempts of one pass, both started from the same baseline, both writing the next
    // generation.
    BaselineChunks.Writer first = store.writeNext("overlap");
    BaselineChunks.Writer second = store.writeNext("overlap");
    for (int i = 0; i < 2500; i++) {
      first.add(new BsonInt32(i), hash((byte) 1));
      second.add(new BsonInt32(i), hash((byte) 2));
    }
    assertTrue(store.commit("overlap", first));
    assertFalse(
        store.commit("overlap", second), "the later commit finds the baseline moved and leaves it");
    assertEquals(2500, store.recorded("overlap"));
    assertEquals(
        2500,
        entries(store, "overlap", (byte) 1, 0),
        "every entry of the committed generation is there");

    // And a next pass, started after both, commits over it.
    BaselineChunks.Writer third = store.writeNext("overlap");
    third.add(new BsonInt32(7), hash((byte) 3));
    assertTrue(store.commit("overlap", third));
    assertEquals(1, entries(store, "overlap", (byte) 3, 7));
    assertEquals(
        1,
        stateCollections(BaselineStore.key(deployment, green.database()) + "~c~overlap~").size(),
        "the generations before and the loser's are dropped");
  }

  private static byte[] hash(byte b) {
    byte[] h = new byte[BaselineEntry.HASH_BYTES];
    h[0] = b;
    return h;
  }

  /**
   * The baseline's entries, each checked to be the expected writer's, and their ids in order
   * without gaps from {@code from}.
   */
  private static int entries(BaselineStore store, String collection, byte expected, int from) {
    int n = 0;
    try (BaselineChunks.Reader r = store.read(collection)) {
      for (BsonValue id = r.peekId(); id != null; id = r.peekId()) {
        assertEquals(from + n, id.asInt32().getValue(), "in _id order, none missing");
        assertEquals(expected, r.takeIf(id)[0]);
        n++;
      }
    }
    return n;
  }

  private MongoDatabase stateDb() {
    return connections.mongo("local").getDatabase(connections.stateDatabase());
  }

  private List<String> stateCollections(String prefix) {
    List<String> out = new ArrayList<>();
    for (String n : stateDb().listCollectionNames()) {
      if (n.startsWith(prefix)) {
        out.add(n);
      }
    }
    return out;
  }

  private CollectionCopyActivities copyStub() {
    return env.newActivityStub(
        CollectionCopyActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  private SyncActivities onceOnly() {
    return env.newActivityStub(
        SyncActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }
}
