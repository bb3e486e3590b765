package io.bluegreen.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoSocketException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.activities.copy.IdOrderContract;
import io.bluegreen.activities.copy.IdSamples;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IdOrderContract} on FerretDB 1.24.2 with SQLite (the {@code ferretdb} backend): the same
 * assertions as on mongo-java-server. FerretDB sorts strings by UTF-8 like MongoDB and keeps binary
 * subtypes (more of them are checked here), but holds no Decimal128: a document with one drops the
 * connection. So Decimal128 ids are left out of its contract and checked here instead, where they
 * can meet FerretDB: as Blue it can never hold one, and a copy from a MongoDB Blue that has them to
 * a FerretDB Green must fail for good, saying why, instead of retrying forever.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IdOrderOnFerretDbTest extends IdOrderContract {
  @TempDir static Path dir;
  private LocalFerretDb ferretDb;

  @Override
  protected Connections startServer() throws Exception {
    ferretDb = LocalFerretDb.start(dir);
    return new Connections(Map.of("local", ferretDb.uri), Map.of());
  }

  @Override
  protected void stopServer() throws Exception {
    if (ferretDb != null) {
      ferretDb.close();
    }
  }

  @Override
  protected String backend() {
    return "FerretDB";
  }

  @Override
  protected Stream<IdSamples> idTypes() {
    return Stream.of(IdSamples.values()).filter(t -> t != IdSamples.DECIMAL128);
  }

  @Override
  protected List<BsonValue> ids(IdSamples type) {
    List<BsonValue> ids = new ArrayList<>(type.ids());
    ids.removeIf(BsonValue::isDecimal128);
    if (type == IdSamples.BINARY) {
      // Subtypes order after length and before bytes. FerretDB's unique index ignores the subtype
      // (equal bytes of two subtypes are a duplicate key there, not in MongoDB), so the bytes
      // differ.
      ids.add(new BsonBinary((byte) 4, filled(16, 0x11)));
      ids.add(new BsonBinary((byte) 3, filled(16, 0x22)));
      ids.add(new BsonBinary((byte) 5, filled(16, 0x33)));
      ids.add(new BsonBinary((byte) 0x80, new byte[] {7}));
      ids.add(new BsonBinary((byte) 0x80, new byte[] {(byte) 0xfe}));
    }
    return ids;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static BsonDocument decimalId(String value) {
    return new BsonDocument("_id", new BsonDecimal128(Decimal128.parse(value)))
        .append("v", new BsonInt32(1));
  }

  @Test
  void aDocumentHoldingDecimal128DropsTheConnectionSoABlueOnFerretDbHasNone() {
    MongoCollection<BsonDocument> c = db(blue()).getCollection("decimals", BsonDocument.class);
    assertThrows(MongoSocketException.class, () -> c.insertOne(decimalId("1.5")));
    assertEquals(0, c.countDocuments(), "FerretDB still answers, and kept nothing");
  }

  @Test
  void decimal128FromAMongoDbBlueStopsTheCopyAndResyncToAFerretDbGreenForGoodSayingWhy() {
    MongoServer mongo = new MongoServer(new MemoryBackend());
    String mongoUri = "mongodb://127.0.0.1:" + mongo.bind().getPort();
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try (Connections both =
        new Connections(Map.of("mongodb", mongoUri, "ferretdb", ferretDb.uri), Map.of())) {
      PlatformSpec blue = new PlatformSpec("mongodb", "decimal_blue", "local", 0, "blue");
      PlatformSpec green = new PlatformSpec("ferretdb", "decimal_green", "local", 1, "green");
      MongoDatabase blueDb = both.mongo("mongodb").getDatabase("decimal_blue");
      blueDb
          .getCollection("prices", BsonDocument.class)
          .insertMany(
              List.of(
                  new BsonDocument("_id", new BsonInt32(1)).append("v", new BsonInt32(1)),
                  decimalId("2.5")));
      // Not only in an id: deep in a field, inside an array.
      blueDb
          .getCollection("orders", BsonDocument.class)
          .insertMany(
              List.of(
                  new BsonDocument("_id", new BsonString("o-1")).append("v", new BsonInt32(1)),
                  new BsonDocument("_id", new BsonString("o-2"))
                      .append(
                          "lines",
                          new BsonArray(
                              List.of(
                                  new BsonDocument(
                                      "price", new BsonDecimal128(Decimal128.parse("9.99"))))))));
      env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(both));
      CollectionCopyActivities copy =
          env.newActivityStub(
              CollectionCopyActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(2))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      for (String collection : List.of("prices", "orders")) {
        ActivityFailure f =
            assertThrows(
                ActivityFailure.class,
                () -> copy.copyCollection(new CopyInput(blue, green, collection, 10)));
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, f.getCause());
        String message = cause.getOriginalMessage();
        assertTrue(
            cause.isNonRetryable(),
            "retrying sends the same document to the same server: " + message);
        assertEquals(FailureTypes.UNSUPPORTED_BY_GREEN, cause.getType(), message);
        assertTrue(
            message.contains("'" + collection + "'")
                && message.contains("Decimal128")
                && message.contains("closed the connection")
                && message.contains("Use a MongoDB for Green"),
            message);
        assertEquals(
            0,
            both.mongo("ferretdb")
                .getDatabase("decimal_green")
                .getCollection(collection)
                .countDocuments(),
            "FerretDB still answers; the batch was not stored");
      }

      // One that arrives on Blue after the copy: the resync (as the sync passes, through the
      // same Green writes) stops the same way.
      MongoCollection<BsonDocument> later = blueDb.getCollection("later", BsonDocument.class);
      later.insertOne(new BsonDocument("_id", new BsonInt32(1)).append("v", new BsonInt32(1)));
      assertEquals(1, copy.copyCollection(new CopyInput(blue, green, "later", 10)).documents());
      later.insertOne(
          new BsonDocument("_id", new BsonInt32(2))
              .append("v", new BsonDecimal128(Decimal128.parse("0.1"))));
      assertEquals(1, copy.verifyCollection(new VerifyInput(blue, green, "later", 5)).missing());
      ActivityFailure f =
          assertThrows(
              ActivityFailure.class,
              () -> copy.resyncCollection(new ResyncInput(blue, green, "later")));
      ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, f.getCause());
      assertEquals(FailureTypes.UNSUPPORTED_BY_GREEN, cause.getType(), cause.getOriginalMessage());
      assertTrue(
          cause.isNonRetryable() && cause.getOriginalMessage().contains("'later'"),
          cause.getOriginalMessage());
    } finally {
      env.close();
      mongo.shutdownNow();
    }
  }
}
