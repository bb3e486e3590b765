package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * The raw driver loop the bench compares ours with: what anyone would write with the driver alone.
 */
final class RawDriverLoop {
  private final MongoClient mongo;

  RawDriverLoop(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** What anyone would write: read in _id order, insertMany every 1,000 documents. */
  Rate copy(List<String> names) {
    long start = System.nanoTime();
    long docs = 0;
    long bytes = 0;
    for (String name : names) {
      MongoCollection<RawBsonDocument> src =
          mongo.getDatabase(BenchRun.BLUE).getCollection(name, RawBsonDocument.class);
      MongoCollection<RawBsonDocument> dst =
          mongo.getDatabase(BenchRun.RAW).getCollection(name, RawBsonDocument.class);
      List<RawBsonDocument> batch = new ArrayList<>(BenchRun.BATCH);
      // batchSize: the emulator, unlike MongoDB, does not cap a reply at 16 MB.
      for (RawBsonDocument d : src.find().sort(Sorts.ascending("_id")).batchSize(BenchRun.BATCH)) {
        batch.add(d);
        bytes += d.getByteBuffer().remaining();
        if (batch.size() == BenchRun.BATCH) {
          dst.insertMany(batch);
          docs += batch.size();
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        dst.insertMany(batch);
        docs += batch.size();
      }
    }
    return Rate.since(start, docs, bytes);
  }

  /** Both sides, one after the other, as a verification that reads each in turn would. */
  Rate read(String name) {
    return read(name, List.of(BenchRun.BLUE, BenchRun.GREEN));
  }

  /** Blue alone, in _id order, as the cutover window's final pass reads it. */
  Rate readBlue(String name) {
    return read(name, List.of(BenchRun.BLUE));
  }

  private Rate read(String name, List<String> dbs) {
    long start = System.nanoTime();
    long docs = 0;
    long bytes = 0;
    for (String db : dbs) {
      for (RawBsonDocument d :
          mongo
              .getDatabase(db)
              .getCollection(name, RawBsonDocument.class)
              .find()
              .sort(Sorts.ascending("_id"))
              .batchSize(BenchRun.BATCH)) {
        docs++;
        bytes += d.getByteBuffer().remaining();
      }
    }
    return Rate.since(start, docs, bytes);
  }
}
