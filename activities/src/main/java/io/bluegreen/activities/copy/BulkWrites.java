package io.bluegreen.activities.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * How a batch of keyed writes reaches Green's server, whatever the server: the simple collation
 * dropped where the server implements none, write-concern errors never taken for clashes, and the
 * {@code _id}s of raw documents as plain values. {@link GreenWrites} and {@link UniqueSwap} write
 * through it.
 */
final class BulkWrites {
  private static final int NOT_IMPLEMENTED = 238;

  private BulkWrites() {}

  /** The {@code _id} a keyed write is for (a delete: its filter's), or null. */
  static BsonValue idOf(WriteModel<RawBsonDocument> w) {
    if (w instanceof ReplaceOneModel<RawBsonDocument> r) {
      return r.getReplacement().get("_id");
    }
    if (w instanceof InsertOneModel<RawBsonDocument> i) {
      return i.getDocument().get("_id");
    }
    if (w instanceof DeleteOneModel<RawBsonDocument> d && d.getFilter() instanceof BsonDocument f) {
      return f.get("_id");
    }
    return null;
  }

  /**
   * An {@code _id} read from a raw document, as an ordinary value: an embedded document comes as a
   * RawBsonDocument, which the driver would encode as a second {@code _id} field in a filter.
   */
  static BsonValue plain(BsonValue id) {
    return id instanceof RawBsonDocument raw ? raw.decode(new BsonDocumentCodec()) : id;
  }

  /** The documents the writes would store (the replacements; a delete stores none). */
  static List<RawBsonDocument> written(List<WriteModel<RawBsonDocument>> writes) {
    List<RawBsonDocument> out = new ArrayList<>();
    for (WriteModel<RawBsonDocument> w : writes) {
      if (w instanceof ReplaceOneModel<RawBsonDocument> r) {
        out.add(r.getReplacement());
      } else if (w instanceof InsertOneModel<RawBsonDocument> i) {
        out.add(i.getDocument());
      }
    }
    return out;
  }

  /**
   * A write-concern error (the writes were not confirmed by a majority in time) is a failure to
   * retry, never a success, and never mistaken for a unique-index clash.
   */
  static void throwIfNotDurable(MongoBulkWriteException e) {
    if (e.getWriteConcernError() != null) {
      throw e;
    }
  }

  /**
   * Writes keyed by {@code _id} carry the simple collation ({@link IdOrder}). A server that
   * implements no collations at all (FerretDB answers NotImplemented, code 238, and writes nothing)
   * has only the binary order the simple collation asks for: the same writes go again without it.
   */
  static void bulkWrite(
      MongoCollection<RawBsonDocument> green,
      List<WriteModel<RawBsonDocument>> models,
      BulkWriteOptions options) {
    try {
      green.bulkWrite(models, options);
    } catch (MongoCommandException e) {
      if (e.getErrorCode() != NOT_IMPLEMENTED
          || !String.valueOf(e.getErrorMessage()).contains("collation")) {
        throw e;
      }
      green.bulkWrite(withoutCollation(models), options);
    }
  }

  static List<WriteModel<RawBsonDocument>> withoutCollation(
      List<WriteModel<RawBsonDocument>> models) {
    List<WriteModel<RawBsonDocument>> out = new ArrayList<>(models.size());
    for (WriteModel<RawBsonDocument> m : models) {
      if (m instanceof ReplaceOneModel<RawBsonDocument> r) {
        out.add(
            new ReplaceOneModel<>(
                r.getFilter(),
                r.getReplacement(),
                new ReplaceOptions().upsert(r.getReplaceOptions().isUpsert())));
      } else if (m instanceof DeleteOneModel<RawBsonDocument> d) {
        out.add(new DeleteOneModel<>(d.getFilter()));
      } else if (m instanceof DeleteManyModel<RawBsonDocument> d) {
        out.add(new DeleteManyModel<>(d.getFilter()));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  static BulkWriteOptions copy(BulkWriteOptions options) {
    return new BulkWriteOptions().bypassDocumentValidation(options.getBypassDocumentValidation());
  }
}
