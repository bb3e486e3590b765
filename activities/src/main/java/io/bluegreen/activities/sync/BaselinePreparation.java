package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * PREFLIGHT's part of the baseline, before Green is written. One baseline per run: a baseline
 * another run left for Green's database (kept by {@code sync.keepBaseline}, a failed drop, a
 * terminated run) is named and refused, with the way to drop it, unless the request says to drop
 * it. With {@code copy.greenMustBeEmpty: false}, the {@code _id}s Green already holds are recorded:
 * they are Green's own, and the only documents the baseline leaves out.
 */
final class BaselinePreparation {
  private final Connections connections;
  private final Durability durability;

  BaselinePreparation(Connections connections, Durability durability) {
    this.connections = connections;
    this.durability = durability;
  }

  PrepareBaselineResult prepare(PrepareBaselineInput input) {
    BaselineStore store =
        BaselineStore.of(connections, durability, input.green(), input.deployment());
    BaselineOwner owner = store.owner();
    List<String> stale = owner.staleKeys();
    if (!stale.isEmpty() && !input.dropStaleBaselines()) {
      throw ApplicationFailure.newNonRetryableFailure(
          refusal(owner, input.green(), stale), FailureTypes.PREFLIGHT_FAILED);
    }
    // Named before they go: the owner documents are dropped with them.
    List<String> staleRuns = stale.stream().map(owner::describe).toList();
    stale.forEach(owner::dropKey);
    // Anything under this run's own key is a leftover of an earlier attempt (or of a reset): from
    // scratch.
    owner.startOver();
    long own = 0;
    if (!input.greenMustBeEmpty() && input.collections() != null) {
      MongoDatabase green = durability.writing(input.green().mongo(), input.green().database());
      for (String name : input.collections()) {
        own +=
            recordGreenOwn(
                store,
                name,
                green.getCollection(name, RawBsonDocument.class),
                BaselineChunks.CHUNK);
        Activity.getExecutionContext().heartbeat(name);
      }
    }
    return new PrepareBaselineResult(staleRuns, own);
  }

  /**
   * Records the {@code _id} of every document Green holds in the collection now, before the copy:
   * Green's own, left out of the baseline. A retry records them again from scratch.
   */
  static long recordGreenOwn(
      BaselineStore store, String collection, MongoCollection<RawBsonDocument> green, int batch) {
    store.owner().claim();
    MongoCollection<BsonDocument> own =
        store.greenOwn(collection).withDocumentClass(BsonDocument.class);
    own.drop();
    long count = 0;
    List<BsonDocument> pending = new ArrayList<>();
    for (RawBsonDocument d : green.find().projection(Projections.include("_id")).batchSize(batch)) {
      pending.add(new BsonDocument("_id", BaselineEntry.plain(d.get("_id"))));
      if (pending.size() == batch) {
        own.insertMany(pending);
        count += pending.size();
        pending.clear();
      }
    }
    if (!pending.isEmpty()) {
      own.insertMany(pending);
      count += pending.size();
    }
    return count;
  }

  /**
   * What PREFLIGHT says when another run's baseline is there, and how to drop it (no secrets: names
   * only).
   */
  private String refusal(BaselineOwner owner, PlatformSpec green, List<String> keys) {
    List<String> runs = keys.stream().map(k -> "'" + owner.describe(k) + "'").toList();
    String filter =
        String.join(" || ", keys.stream().map(k -> "n.startsWith('" + k + "~')").toList());
    return "Green's database '"
        + green.database()
        + "' has a three-way sync baseline left by another deployment run ("
        + String.join(", ", runs)
        + ", as <workflow id>@<first run id>): reused, it would turn Blue's changes into false"
        + " conflicts or lost deletes. Drop it: start again with sync.dropStaleBaselines: true in the request, or by hand"
        + " on Green's MongoDB server (connection '"
        + green.mongo()
        + "'): mongosh --eval \"const s = db.getSiblingDB('"
        + connections.stateDatabase()
        + "'); s.getCollectionNames().filter(n => "
        + filter
        + ").forEach(n => s.getCollection(n).drop())\"";
  }
}
