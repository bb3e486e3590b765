package io.bluegreen.activities.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * The delete-and-insert of replacements that clashed with each other under a unique index (see
 * {@link GreenWrites}), done so that it never half-happens: in one transaction where Green's server
 * has them; elsewhere with the old Green versions first moved aside into the state database ({@link
 * GreenAside}) and put back when the swap fails, or by {@link #recover()} when the worker died in
 * between. Writing the replacements first is not possible: under the unique index they are exactly
 * what clashes.
 */
final class UniqueSwap {
  private final MongoClient client;
  private final MongoCollection<RawBsonDocument> green;
  private final BulkWriteOptions options;
  private final GreenAside aside;
  private final boolean transactions;

  UniqueSwap(
      MongoClient client,
      MongoCollection<RawBsonDocument> green,
      BulkWriteOptions options,
      GreenAside aside,
      boolean transactions) {
    this.client = client;
    this.green = green;
    this.options = options;
    this.aside = aside;
    this.transactions = transactions;
  }

  boolean usesTransactions() {
    return transactions;
  }

  /** Returns the insert errors (empty: the swap went through); on errors nothing of it was kept. */
  List<BulkWriteError> swap(List<RawBsonDocument> docs) {
    return transactions ? swapInTransaction(docs) : swapAside(docs);
  }

  /**
   * Puts back Green documents a swap moved aside and did not finish with: the swap's ids are
   * deleted and the old versions inserted, the state before that swap.
   */
  void recover() {
    List<RawBsonDocument> held = aside.held();
    if (held.isEmpty()) {
      return;
    }
    restoreAll(List.of(), held);
    aside.clear(held);
  }

  private List<BulkWriteError> swapInTransaction(List<RawBsonDocument> docs) {
    try (ClientSession session = client.startSession()) {
      session.startTransaction(
          TransactionOptions.builder()
              .writeConcern(WriteConcern.MAJORITY)
              .readConcern(ReadConcern.SNAPSHOT)
              .build());
      try {
        green.deleteMany(session, inIds(docs), IdOrder.delete());
        green.bulkWrite(session, inserts(docs), BulkWrites.copy(options).ordered(true));
        session.commitTransaction();
        return List.of();
      } catch (MongoBulkWriteException e) {
        session.abortTransaction();
        BulkWrites.throwIfNotDurable(e);
        return clashes(e);
      } catch (RuntimeException e) {
        if (session.hasActiveTransaction()) {
          session.abortTransaction();
        }
        throw e;
      }
    }
  }

  /**
   * The swap without a transaction: the old versions are held aside until it went through or was
   * rolled back.
   */
  private List<BulkWriteError> swapAside(List<RawBsonDocument> docs) {
    List<RawBsonDocument> olds = new ArrayList<>();
    green.find(inIds(docs)).into(olds);
    aside.save(olds);
    try {
      BulkWrites.bulkWrite(
          green,
          List.of(new DeleteManyModel<>(inIds(docs), IdOrder.delete())),
          BulkWrites.copy(options).ordered(true));
      BulkWrites.bulkWrite(green, inserts(docs), BulkWrites.copy(options).ordered(false));
    } catch (MongoBulkWriteException e) {
      if (!onlyRefusals(e)) {
        throw restoreAfter(e, docs, olds);
      }
      restoreAll(docs, olds);
      aside.clear(olds);
      return e.getWriteErrors();
    } catch (RuntimeException e) {
      throw restoreAfter(e, docs, olds);
    }
    aside.clear(olds);
    return List.of();
  }

  /**
   * Interrupted between the writes: puts the old versions back if the server still answers; if not,
   * they stay aside for {@link #recover()}. Returns the failure to rethrow.
   */
  private RuntimeException restoreAfter(
      RuntimeException e, List<RawBsonDocument> docs, List<RawBsonDocument> olds) {
    try {
      restoreAll(docs, olds);
      aside.clear(olds);
    } catch (RuntimeException again) {
      e.addSuppressed(again);
    }
    return e;
  }

  /** Every error of the bulk is a refusal of Green's own, and the writes were durable. */
  private static boolean onlyRefusals(MongoBulkWriteException e) {
    return e.getWriteConcernError() == null
        && !e.getWriteErrors().isEmpty()
        && e.getWriteErrors().stream().allMatch(w -> GreenWrites.refusedByGreen(w.getCode()));
  }

  /**
   * The errors of a swap's inserts when all are unique-index or validator refusals; else rethrown.
   */
  private static List<BulkWriteError> clashes(MongoBulkWriteException e) {
    for (BulkWriteError error : e.getWriteErrors()) {
      if (!GreenWrites.refusedByGreen(error.getCode())) {
        throw e;
      }
    }
    if (e.getWriteErrors().isEmpty()) {
      throw e;
    }
    return e.getWriteErrors();
  }

  /** Back to the state before a swap: its ids deleted, the old Green versions inserted. */
  private void restoreAll(List<RawBsonDocument> swapped, List<RawBsonDocument> olds) {
    BsonArray ids = new BsonArray();
    swapped.forEach(d -> ids.add(BulkWrites.plain(d.get("_id"))));
    olds.forEach(d -> ids.add(BulkWrites.plain(d.get("_id"))));
    BulkWrites.bulkWrite(
        green,
        List.of(
            new DeleteManyModel<>(
                new BsonDocument("_id", new BsonDocument("$in", ids)), IdOrder.delete())),
        BulkWrites.copy(options).ordered(true));
    if (!olds.isEmpty()) {
      BulkWrites.bulkWrite(green, inserts(olds), BulkWrites.copy(options).ordered(false));
    }
  }

  private static List<WriteModel<RawBsonDocument>> inserts(List<RawBsonDocument> docs) {
    List<WriteModel<RawBsonDocument>> out = new ArrayList<>(docs.size());
    docs.forEach(d -> out.add(new InsertOneModel<>(d)));
    return out;
  }

  private static BsonDocument inIds(List<RawBsonDocument> docs) {
    BsonArray ids = new BsonArray();
    docs.forEach(d -> ids.add(BulkWrites.plain(d.get("_id"))));
    return new BsonDocument("_id", new BsonDocument("$in", ids));
  }
}
