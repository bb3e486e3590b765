package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every write that changes which generation is a collection's baseline is conditional on what its
 * attempt started from, so overlapping (or late) attempts of one activity never leave the metadata
 * pointing at a dropped generation, nor a generation nobody reads.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BaselineCompareAndSetTest extends SyncTestBase {

  @Test
  void aLateMarkEmptyLeavesTheGenerationAnOverlappingAttemptRecorded() {
    BaselineStore store = store();
    // Attempt one records the collection; attempt two, overlapping, found it a view (or gone) on
    // Blue and marks it empty afterwards.
    BaselineChunks.Writer recorded = store.writeNext("overlap");
    for (int i = 0; i < 1500; i++) {
      recorded.add(new BsonInt32(i), hash((byte) 1));
    }
    assertTrue(store.commit("overlap", recorded));
    boolean marked = store.markEmpty("overlap");
    assertEquals(1500, store.recorded("overlap"));
    assertEquals(1500, entries(store, "overlap", (byte) 1));
    assertEquals(1, chunkCollections("overlap").size(), "the recorded generation is not orphaned");
    assertFalse(marked, "the later attempt finds a baseline and leaves it");

    // The other order: an attempt that saw no baseline writes, another marks it empty first: the
    // writer's first commit loses and drops what it wrote.
    BaselineChunks.Writer fromNothing = store.writeNext("view");
    fromNothing.add(new BsonInt32(1), hash((byte) 2));
    assertTrue(store.markEmpty("view"));
    assertFalse(store.commit("view", fromNothing));
    assertEquals(0, store.recorded("view"));
    assertTrue(chunkCollections("view").isEmpty(), "the loser's chunks are dropped");
  }

  @Test
  void aLateForgetLeavesTheGenerationANewerAttemptCommitted() {
    BaselineStore store = store();
    BaselineChunks.Writer first = store.writeNext("dropped");
    first.add(new BsonInt32(1), hash((byte) 1));
    assertTrue(store.commit("dropped", first));
    // A late attempt saw Blue's and Green's collection gone against this generation...
    Long startedFrom = store.current("dropped");
    // ...while a newer pass (Blue created it again) committed the next one.
    BaselineChunks.Writer newer = store.writeNext("dropped");
    newer.add(new BsonInt32(1), hash((byte) 3));
    newer.add(new BsonInt32(2), hash((byte) 3));
    assertTrue(store.commit("dropped", newer));

    boolean forgotten = store.forget("dropped", startedFrom);
    assertEquals(2, store.recorded("dropped"), "the newer generation is still the baseline");
    assertEquals(2, entries(store, "dropped", (byte) 3));
    assertFalse(forgotten, "the baseline moved since: not forgotten");

    // Forgetting what is there now goes through, chunks and all.
    assertTrue(store.forget("dropped", store.current("dropped")));
    assertNull(store.current("dropped"));
    assertTrue(chunkCollections("dropped").isEmpty());
  }

  private BaselineStore store() {
    return new BaselineStore(stateDb(), deployment, green.database());
  }

  static byte[] hash(byte b) {
    byte[] h = new byte[BaselineEntry.HASH_BYTES];
    h[0] = b;
    return h;
  }

  /** The baseline's entries, each checked to be the expected writer's, in order. */
  static int entries(BaselineStore store, String collection, byte expected) {
    int n = 0;
    try (BaselineChunks.Reader r = store.read(collection)) {
      for (BsonValue id = r.peekId(); id != null; id = r.peekId()) {
        assertEquals(expected, r.takeIf(id)[0]);
        n++;
      }
    }
    return n;
  }

  MongoDatabase stateDb() {
    return connections.mongo("local").getDatabase(connections.stateDatabase());
  }

  List<String> chunkCollections(String collection) {
    String prefix = BaselineStore.key(deployment, green.database()) + "~c~" + collection + "~";
    List<String> out = new ArrayList<>();
    for (String n : stateDb().listCollectionNames()) {
      if (n.startsWith(prefix)) {
        out.add(n);
      }
    }
    return out;
  }
}
