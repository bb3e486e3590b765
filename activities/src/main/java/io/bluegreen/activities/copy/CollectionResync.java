package io.bluegreen.activities.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
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
    MongoDatabase greenDb = connections.database(input.green());
    MongoCollection<RawBsonDocument> green = connections.collection(input.green(), input.collection());
    MongoDatabase blueDb = connections.database(input.blue());
    Document options = CollectionOptions.read(blueDb, input.collection());
    IndexCopier.copy(blueDb, connections.database(input.green()), input.collection(), options);
    Boolean bypass = CollectionOptions.hasValidator(options) ? true : null;
    ReplaceOptions upsert = IdOrder.upsert();
    BulkWriteOptions bulk = new BulkWriteOptions().bypassDocumentValidation(bypass);
    long[] counts = new long[3];
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
            if (writes.size() >= WRITE_BATCH) {
              GreenWrites.apply(greenDb, green, writes, bulk);
              writes.clear();
            }
          }
        });
    GreenWrites.apply(greenDb, green, writes, bulk);
    return new ResyncResult(input.collection(), counts[0], counts[1], counts[2]);
  }

  private static BsonDocument byId(RawBsonDocument doc) {
    return new BsonDocument("_id", CollectionDiff.id(doc));
  }


}
