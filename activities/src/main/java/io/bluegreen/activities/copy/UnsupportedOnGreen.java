package io.bluegreen.activities.copy;

import com.mongodb.MongoSocketException;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Names the cause when Green's server drops the connection on a write instead of answering.
 *
 * <p>FerretDB 1.x has no Decimal128: a document holding one, at any depth, makes it close the
 * connection. The driver then reports only "Prematurely reached end of stream", a network error
 * that is retried, and every retry sends the same batch: the copy (or a resync or sync pass)
 * retried forever and said nothing about why. When the dropped batch holds a Decimal128 and Green's
 * server is FerretDB 1.x, the write fails for good, naming the collection, the first such document
 * and what to do. Any other dropped connection stays a network error to retry.
 */
final class UnsupportedOnGreen {
  private static final int MAX_ID_CHARS = 200;

  private UnsupportedOnGreen() {}

  /**
   * Throws the permanent failure when {@code dropped} is FerretDB 1.x refusing a Decimal128 of
   * {@code batch}; otherwise returns, and the caller rethrows {@code dropped}.
   */
  static void check(
      MongoDatabase green,
      String collection,
      List<RawBsonDocument> batch,
      MongoSocketException dropped) {
    Optional<RawBsonDocument> holder = batch.stream().filter(d -> holdsDecimal128(d)).findFirst();
    if (holder.isEmpty()) {
      return;
    }
    String ferretDb = ferretDbVersion(green);
    if (ferretDb == null || !ferretDb.startsWith("v1.")) {
      return;
    }
    String id = BsonIds.toJson(holder.get().get("_id"));
    if (id.length() > MAX_ID_CHARS) {
      id = id.substring(0, MAX_ID_CHARS) + "...";
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "documents of '"
            + collection
            + "' hold Decimal128 values (the first: "
            + id
            + "), and Green's server,"
            + " FerretDB "
            + ferretDb
            + ", closed the connection instead of storing them: FerretDB 1.x has no"
            + " Decimal128. Use a MongoDB for Green, or change those values on Blue to another number type",
        FailureTypes.UNSUPPORTED_BY_GREEN);
  }

  /** Whether a Decimal128 is anywhere in the value (documents and arrays searched). */
  static boolean holdsDecimal128(BsonValue v) {
    if (v.isDecimal128()) {
      return true;
    }
    if (v.isDocument()) {
      return v.asDocument().values().stream().anyMatch(UnsupportedOnGreen::holdsDecimal128);
    }
    return v.isArray()
        && v.asArray().getValues().stream().anyMatch(UnsupportedOnGreen::holdsDecimal128);
  }

  /** {@code buildInfo.ferretdbVersion}, or null for any other server or when it cannot be asked. */
  private static String ferretDbVersion(MongoDatabase green) {
    try {
      Document info = green.runCommand(new Document("buildInfo", 1));
      return info.get("ferretdbVersion") instanceof String s ? s : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
