package io.bluegreen.activities.copy;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Makes one Green collection equal to Blue's (the resync after a failed verification): Blue's
 * missing and changed documents are upserted; Green's extra ones are deleted unless the input keeps
 * Green-only documents. Blue is only read.
 */
final class CollectionResync {
  private static final int WRITE_BATCH = 500;

  private CollectionResync() {}

  static ResyncResult run(Connections connections, ResyncInput input, KeepAlive alive) {
    // The same majority write concern as the sync: a write a failover rolls back is a silent loss.
    MongoDatabase greenDb =
        connections.database(input.green()).withWriteConcern(WriteConcern.MAJORITY);
    MongoCollection<RawBsonDocument> green =
        greenDb.getCollection(input.collection(), RawBsonDocument.class);
    MongoDatabase blueDb = connections.database(input.blue());
    Document options = CollectionOptions.read(blueDb, input.collection());
    IndexCopier.copy(blueDb, connections.database(input.green()), input.collection(), options);
    GreenWrites writer =
        GreenWrites.of(
            connections.mongo(input.green().mongo()),
            greenDb,
            connections.stateDatabase(),
            input.collection(),
            CollectionOptions.hasValidator(options));
    ReplaceOptions upsert = IdOrder.upsert();
    long[] counts = new long[3];
    long[] pendingBytes = new long[1];
    List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
    // Every write is keyed by _id and lands at or behind both cursors' positions, so it never
    // changes what the merge still has to read. Replace-upserts and deletes are idempotent.
    CollectionDiff.run(
        CursorBatch.of(connections.database(input.blue()), input.collection()),
        IdOrder.collated(options),
        connections.collection(input.blue(), input.collection()),
        green,
        new CollectionDiff.Listener() {
          @Override
          public void missing(RawBsonDocument blue) {
            counts[0]++;
            add(new ReplaceOneModel<>(byId(blue), blue, upsert));
          }

          @Override
          public void changed(RawBsonDocument blue, RawBsonDocument g) {
            counts[1]++;
            add(new ReplaceOneModel<>(byId(blue), blue, upsert));
          }

          @Override
          public void extra(RawBsonDocument g) {
            if (input.keepGreenOnly()) {
              return; // not bluegreen's to delete
            }
            counts[2]++;
            add(new DeleteOneModel<>(byId(g), IdOrder.delete()));
          }

          @Override
          public void progress(long blueSeen, long greenSeen) {
            alive.progress(blueSeen);
          }

          private void add(WriteModel<RawBsonDocument> write) {
            writes.add(write);
            pendingBytes[0] += GreenWrites.size(write);
            if (writes.size() >= WRITE_BATCH || pendingBytes[0] >= GreenWrites.WRITE_BYTES) {
              apply(writer, writes, input.collection());
              pendingBytes[0] = 0;
            }
          }
        });
    apply(writer, writes, input.collection());
    return new ResyncResult(input.collection(), counts[0], counts[1], counts[2]);
  }

  /**
   * Green refusing Blue's document (a unique index or a validator of Green's own) fails the resync
   * for good, naming the server's reason: retrying cannot change Green's mind.
   */
  private static void apply(
      GreenWrites writer, List<WriteModel<RawBsonDocument>> writes, String collection) {
    List<GreenWrites.Refusal> refused = writer.apply(writes);
    writes.clear();
    if (!refused.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          refused.size()
              + " document(s) of '"
              + collection
              + "' from Blue were "
              + refused.get(0).describe()
              + "; remove or change the clashing Green documents (or drop Green's collection) and resync",
          FailureTypes.UNIQUE_CONFLICT);
    }
  }

  private static BsonDocument byId(RawBsonDocument doc) {
    return new BsonDocument("_id", CollectionDiff.id(doc));
  }
}
