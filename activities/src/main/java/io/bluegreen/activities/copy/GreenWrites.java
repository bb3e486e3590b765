package io.bluegreen.activities.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Applies a batch of keyed writes (replace-upserts and deletes by {@code _id}) to a Green
 * collection so that unique-index swaps made on Blue go through.
 *
 * <p>When Blue swaps unique values between two documents (A: x=1, B: x=2 becomes A: x=2, B: x=1),
 * replacing A on Green clashes with B's old value and replacing B with A's: each replacement fails
 * with E11000 whatever the order, and a retry fails the same way forever. The writes are applied
 * unordered; the replacements that clashed are then deleted together and inserted again, which
 * ends in the same documents as the replacements would have. A clash that remains is with a Green
 * document outside the batch: a permanent {@link FailureTypes#UNIQUE_CONFLICT} naming the
 * collection, never a retry.
 */
public final class GreenWrites {
  private static final int DUPLICATE_KEY = 11000;

  private GreenWrites() {}

  /** @param greenDb Green's database, asked what server it is when a write drops the connection */
  public static void apply(MongoDatabase greenDb, MongoCollection<RawBsonDocument> green, List<WriteModel<RawBsonDocument>> writes,
      BulkWriteOptions options) {
    if (writes.isEmpty()) {
      return;
    }
    List<RawBsonDocument> clashed = new ArrayList<>();
    try {
      bulkWrite(green, writes, copy(options).ordered(false));
    } catch (MongoSocketException e) {
      UnsupportedOnGreen.check(greenDb, green.getNamespace().getCollectionName(), written(writes), e);
      throw e;
    } catch (MongoBulkWriteException e) {
      throwIfNotDurable(e);
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY || !(writes.get(error.getIndex()) instanceof ReplaceOneModel<RawBsonDocument> r)) {
          throw e;
        }
        clashed.add(r.getReplacement());
      }
    }
    if (clashed.isEmpty()) {
      return;
    }
    BsonArray ids = new BsonArray();
    List<WriteModel<RawBsonDocument>> reinsert = new ArrayList<>();
    for (RawBsonDocument doc : clashed) {
      BsonValue id = doc.get("_id");
      ids.add(id);
      reinsert.add(new InsertOneModel<>(doc));
    }
    // Deleting and inserting in one ordered bulk keeps the window in which they are absent short.
    List<WriteModel<RawBsonDocument>> swap = new ArrayList<>();
    swap.add(new DeleteManyModel<>(new BsonDocument("_id", new BsonDocument("$in", ids)), IdOrder.delete()));
    swap.addAll(reinsert);
    try {
      bulkWrite(green, swap, copy(options).ordered(true));
    } catch (MongoBulkWriteException e) {
      throwIfNotDurable(e);
      boolean duplicate = e.getWriteErrors().stream().allMatch(w -> w.getCode() == DUPLICATE_KEY);
      if (!duplicate) {
        throw e;
      }
      throw ApplicationFailure.newNonRetryableFailure("documents of '" + green.getNamespace().getCollectionName()
          + "' from Blue clash under a unique index with other documents on Green; "
          + "remove the clashing Green documents (or drop Green's collection) and resync", FailureTypes.UNIQUE_CONFLICT);
    }
  }

  /** The documents the writes would store (the replacements; a delete stores none). */
  private static List<RawBsonDocument> written(List<WriteModel<RawBsonDocument>> writes) {
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
  private static void throwIfNotDurable(MongoBulkWriteException e) {
    if (e.getWriteConcernError() != null) {
      throw e;
    }
  }

  /**
   * Writes keyed by {@code _id} carry the simple collation ({@link IdOrder}). A server that
   * implements no collations at all (FerretDB answers NotImplemented, code 238, and writes
   * nothing) has only the binary order the simple collation asks for: the same writes go again
   * without it.
   */
  private static void bulkWrite(MongoCollection<RawBsonDocument> green, List<WriteModel<RawBsonDocument>> models,
      BulkWriteOptions options) {
    try {
      green.bulkWrite(models, options);
    } catch (MongoCommandException e) {
      if (e.getErrorCode() != NOT_IMPLEMENTED || !String.valueOf(e.getErrorMessage()).contains("collation")) {
        throw e;
      }
      green.bulkWrite(withoutCollation(models), options);
    }
  }

  private static final int NOT_IMPLEMENTED = 238;

  static List<WriteModel<RawBsonDocument>> withoutCollation(List<WriteModel<RawBsonDocument>> models) {
    List<WriteModel<RawBsonDocument>> out = new ArrayList<>(models.size());
    for (WriteModel<RawBsonDocument> m : models) {
      if (m instanceof ReplaceOneModel<RawBsonDocument> r) {
        out.add(new ReplaceOneModel<>(r.getFilter(), r.getReplacement(),
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

  private static BulkWriteOptions copy(BulkWriteOptions options) {
    return new BulkWriteOptions().bypassDocumentValidation(options.getBypassDocumentValidation());
  }
}
