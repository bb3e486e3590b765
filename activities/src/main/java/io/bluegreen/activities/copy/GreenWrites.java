package io.bluegreen.activities.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoSocketException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Applies a batch of keyed writes (replace-upserts and deletes by {@code _id}) to one Green
 * collection, so that unique-index swaps made on Blue go through and nothing Green held is lost on
 * the way.
 *
 * <p>When Blue swaps unique values between two documents (A: x=1, B: x=2 becomes A: x=2, B: x=1),
 * replacing A on Green clashes with B's old value and replacing B with A's: each replacement fails
 * with E11000 whatever the order. The writes are applied unordered; the replacements that clashed
 * are then swapped: their Green versions deleted and Blue's inserted, which ends in the same
 * documents as the replacements would have. The swap must never half-happen (a Green document
 * deleted and never replaced would later read as Green's own delete):
 *
 * <ul>
 *   <li>where Green's server has transactions (a replica set from 4.0, a mongos from 4.2), the
 *       delete and the inserts are one transaction;
 *   <li>elsewhere the old Green versions are first moved aside into the state database on Green's
 *       server ({@link GreenAside}, majority write concern), then deleted and replaced; when an
 *       insert fails the whole swap is rolled back from what was moved aside, and a worker that
 *       dies in between leaves them there for {@link #recover()}, which the next writer of the
 *       collection runs before its first write. Writing the replacements first is not possible:
 *       under the unique index they are exactly what clashes.
 * </ul>
 *
 * A replacement that still clashes once its batch partners are out of the way clashes with a Green
 * document outside the batch (or with a unique index Green's new release added); a write that
 * Green's validator refuses (code 121) is the same kind of thing. Neither is retried: each is
 * returned as a {@link Refusal} with the server's code and message (document values cut off), for
 * the caller to list as a conflict.
 */
public final class GreenWrites {
  static final int DUPLICATE_KEY = 11000;
  static final int DOCUMENT_VALIDATION_FAILURE = 121;
  private static final int MAX_REASON = 200;

  /** A write batch is flushed at this many bytes of documents, whatever its count. */
  public static final long WRITE_BYTES = 8L * 1024 * 1024;

  /**
   * A write Green refused: its index in the batch, the document's {@code _id}, the server's code
   * and reason.
   */
  public record Refusal(int index, BsonValue id, int code, String reason) {
    /** How a conflict shows it: the code and the server's message without document values. */
    public String describe() {
      return "refused by Green (code " + code + "): " + reason;
    }
  }

  private final MongoCollection<RawBsonDocument> green;
  private final MongoDatabase greenDb;
  private final BulkWriteOptions options;
  private final UniqueSwap swap;

  GreenWrites(
      MongoClient client,
      MongoDatabase greenDb,
      MongoCollection<RawBsonDocument> green,
      BulkWriteOptions options,
      GreenAside aside,
      boolean transactions) {
    this.greenDb = greenDb;
    this.green = green;
    this.options = options;
    this.swap = new UniqueSwap(client, green, options, aside, transactions);
  }

  /**
   * The writer for one Green collection. Asks Green's server whether it has transactions, and puts
   * back what an interrupted swap left aside (see {@link #recover()}).
   *
   * @param client Green's MongoDB client
   * @param greenDb Green's database, with the write concern to use (majority)
   * @param stateDatabase the worker's state database on Green's server
   * @param bypassValidation Blue has a validator of its own: Blue is the truth, Green's copy of it
   *     must not refuse
   */
  public static GreenWrites of(
      MongoClient client,
      MongoDatabase greenDb,
      String stateDatabase,
      String collection,
      boolean bypassValidation) {
    MongoCollection<RawBsonDocument> green =
        greenDb.getCollection(collection, RawBsonDocument.class);
    GreenAside aside =
        new GreenAside(client.getDatabase(stateDatabase), greenDb.getName(), collection);
    boolean transactions =
        GreenServer.supportsTransactions(GreenServer.hello(client.getDatabase("admin")));
    GreenWrites writes =
        new GreenWrites(
            client,
            greenDb,
            green,
            new BulkWriteOptions().bypassDocumentValidation(bypassValidation ? true : null),
            aside,
            transactions);
    writes.recover();
    return writes;
  }

  boolean usesTransactions() {
    return swap.usesTransactions();
  }

  /** The size a write adds to a pending batch: its document's bytes (a delete: its filter's). */
  public static long size(WriteModel<RawBsonDocument> w) {
    if (w instanceof ReplaceOneModel<RawBsonDocument> r) {
      return Prefetcher.size(r.getReplacement());
    }
    if (w instanceof InsertOneModel<RawBsonDocument> i) {
      return Prefetcher.size(i.getDocument());
    }
    return 64;
  }

  /**
   * Puts back Green documents a swap moved aside and did not finish with (see {@link UniqueSwap}).
   * The writer's caller then redoes its writes, as after any retry.
   */
  public void recover() {
    swap.recover();
  }

  /** Applies the writes; returns those Green refused (empty when all went through). */
  public List<Refusal> apply(List<WriteModel<RawBsonDocument>> writes) {
    List<Refusal> refused = new ArrayList<>();
    if (writes.isEmpty()) {
      return refused;
    }
    Map<Integer, RawBsonDocument> clashed = new LinkedHashMap<>();
    try {
      BulkWrites.bulkWrite(green, writes, BulkWrites.copy(options).ordered(false));
    } catch (MongoSocketException e) {
      UnsupportedOnGreen.check(
          greenDb, green.getNamespace().getCollectionName(), BulkWrites.written(writes), e);
      throw e;
    } catch (MongoBulkWriteException e) {
      BulkWrites.throwIfNotDurable(e);
      for (BulkWriteError error : e.getWriteErrors()) {
        WriteModel<RawBsonDocument> w = writes.get(error.getIndex());
        if (error.getCode() == DUPLICATE_KEY && w instanceof ReplaceOneModel<RawBsonDocument> r) {
          clashed.put(error.getIndex(), r.getReplacement());
        } else if (refusedByGreen(error.getCode())) {
          refused.add(refusal(error.getIndex(), BulkWrites.idOf(w), error));
        } else {
          throw e;
        }
      }
    }
    while (!clashed.isEmpty()) {
      List<Integer> order = new ArrayList<>(clashed.keySet());
      List<RawBsonDocument> docs = new ArrayList<>(clashed.values());
      List<BulkWriteError> errors = swap.swap(docs);
      if (errors.isEmpty()) {
        break;
      }
      // Nothing of this attempt stayed: the clashing ones are refused, the others swapped again.
      for (BulkWriteError error : errors) {
        int index = order.get(error.getIndex());
        refused.add(refusal(index, docs.get(error.getIndex()).get("_id"), error));
        clashed.remove(index);
      }
    }
    refused.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return refused;
  }

  /** Codes for a write Green refuses for good: a unique index or a validator of its own. */
  static boolean refusedByGreen(int code) {
    return code == DUPLICATE_KEY || code == DOCUMENT_VALIDATION_FAILURE;
  }

  /**
   * The server's message up to the first document value: E11000 messages end in {@code dup key: {
   * name: "..." }}, which is data, and data stays out of history.
   */
  static String reason(String message) {
    String m = message == null ? "" : message;
    int cut = m.indexOf(" dup key");
    if (cut < 0) {
      cut = m.indexOf('{');
    }
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    m = m.strip();
    return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) : m;
  }

  private static Refusal refusal(int index, BsonValue id, BulkWriteError error) {
    return new Refusal(index, id, error.getCode(), reason(error.getMessage()));
  }
}
