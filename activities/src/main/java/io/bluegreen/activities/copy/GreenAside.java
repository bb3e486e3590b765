package io.bluegreen.activities.copy;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Green documents moved aside, in the state database on Green's server, while a unique-key swap
 * deletes and re-inserts them without a transaction: {@code {_id: {ns, id}, doc}} in the collection
 * {@value #COLLECTION}. Written with majority write concern before the delete and removed after the
 * swap succeeded or was rolled back, so a worker that dies between the delete and the insert leaves
 * the old documents here, and the next write to that collection puts them back first ({@link
 * GreenWrites#recover()}).
 */
final class GreenAside {
  static final String COLLECTION = "greenAside";
  private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
  private final MongoCollection<RawBsonDocument> aside;
  private final String ns;

  GreenAside(MongoDatabase state, String greenDatabase, String collection) {
    this.aside =
        state
            .withWriteConcern(WriteConcern.MAJORITY)
            .getCollection(COLLECTION, RawBsonDocument.class);
    this.ns = greenDatabase + "." + collection;
  }

  void save(List<RawBsonDocument> olds) {
    if (olds.isEmpty()) {
      return;
    }
    List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
    for (RawBsonDocument old : olds) {
      BsonDocument key = key(old.get("_id"));
      RawBsonDocument entry =
          new RawBsonDocument(new BsonDocument("_id", key).append("doc", old), CODEC);
      writes.add(
          new ReplaceOneModel<>(
              new BsonDocument("_id", key), entry, new ReplaceOptions().upsert(true)));
    }
    aside.bulkWrite(writes);
  }

  /** The documents held aside for this collection (old Green versions). */
  List<RawBsonDocument> held() {
    List<RawBsonDocument> out = new ArrayList<>();
    for (RawBsonDocument e : aside.find(new BsonDocument("_id.ns", new BsonString(ns)))) {
      BsonDocument doc = e.getDocument("doc");
      out.add(doc instanceof RawBsonDocument raw ? raw : new RawBsonDocument(doc, CODEC));
    }
    return out;
  }

  void clear(List<RawBsonDocument> olds) {
    if (olds.isEmpty()) {
      return;
    }
    BsonArray keys = new BsonArray();
    olds.forEach(o -> keys.add(key(o.get("_id"))));
    aside.deleteMany(new BsonDocument("_id", new BsonDocument("$in", keys)));
  }

  private BsonDocument key(BsonValue id) {
    return new BsonDocument("ns", new BsonString(ns)).append("id", BulkWrites.plain(id));
  }
}
