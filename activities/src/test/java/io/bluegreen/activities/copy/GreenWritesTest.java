package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.ActivityTestBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Green's writes on a real MongoDB-wire server (mongo-java-server, which enforces unique indexes
 * and has no transactions, so the swap takes the path without one). A worker dying between a swap's
 * delete and its insert is a collection that fails every bulk write from the first insert on; a
 * validator refusal, which neither local backend enforces, is the driver's own
 * MongoBulkWriteException with code 121, built through its public constructors.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GreenWritesTest extends ActivityTestBase {
  MongoClient client;
  MongoDatabase greenDb;
  MongoCollection<RawBsonDocument> forms;

  @BeforeEach
  void greenForms() {
    client = connections.mongo(green.mongo());
    greenDb = db(green);
    greenDb
        .getCollection("forms")
        .createIndex(new Document("name", 1), new IndexOptions().unique(true));
    greenDb
        .getCollection("forms")
        .insertMany(
            List.of(
                new Document("_id", "a").append("name", "one"),
                new Document("_id", "b").append("name", "two")));
    forms = greenDb.getCollection("forms", RawBsonDocument.class);
  }

  @Test
  void theLocalBackendHasNoTransactionsSoTheSwapMovesGreensDocumentsAside() {
    assertFalse(
        GreenWrites.of(client, greenDb, connections.stateDatabase(), "forms", false)
            .usesTransactions());
  }

  @Test
  void aSwapInterruptedBetweenItsDeleteAndItsInsertLosesNothing() {
    MongoCollection<RawBsonDocument> dying =
        failing(
            forms,
            models -> models.stream().anyMatch(m -> m instanceof InsertOneModel),
            () -> new MongoSocketException("the worker died", new ServerAddress()));
    GreenWrites writer =
        new GreenWrites(
            client,
            greenDb,
            dying,
            new BulkWriteOptions(),
            new GreenAside(
                client.getDatabase(connections.stateDatabase()), greenDb.getName(), "forms"),
            false);

    assertThrows(MongoSocketException.class, () -> writer.apply(swap()));
    assertEquals(
        0, forms.countDocuments(), "the interrupted swap had deleted both of Green's documents");

    // The next writer of the collection (the activity's retry) puts them back before anything else.
    GreenWrites retry =
        GreenWrites.of(client, greenDb, connections.stateDatabase(), "forms", false);
    assertEquals("one", name("a"));
    assertEquals("two", name("b"));
    assertEquals(List.of(), retry.apply(swap()));
    assertEquals("two", name("a"));
    assertEquals("one", name("b"));
    assertEquals(
        0,
        client
            .getDatabase(connections.stateDatabase())
            .getCollection(GreenAside.COLLECTION)
            .countDocuments());
  }

  @Test
  void aReplacementClashingWithAGreenDocumentOutsideTheBatchIsRefusedAndGreenKeepsItsOwn() {
    greenDb.getCollection("forms").insertOne(new Document("_id", "c").append("name", "three"));
    GreenWrites writer =
        GreenWrites.of(client, greenDb, connections.stateDatabase(), "forms", false);

    List<GreenWrites.Refusal> refused =
        writer.apply(
            List.of(
                replace(new Document("_id", "a").append("name", "three")),
                replace(new Document("_id", "b").append("name", "four"))));

    assertEquals(1, refused.size(), refused.toString());
    assertEquals(0, refused.get(0).index());
    assertEquals(11000, refused.get(0).code());
    assertFalse(
        refused.get(0).describe().contains("three"),
        "no document values: " + refused.get(0).describe());
    assertEquals("one", name("a"), "Green's document stays as it was");
    assertEquals("four", name("b"));
  }

  @Test
  void aWriteGreensValidatorRefusesIsReturnedWithTheServersCodeNotRetried() {
    MongoCollection<RawBsonDocument> validating =
        failing(
            forms,
            models -> true,
            () ->
                new MongoBulkWriteException(
                    BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()),
                    List.of(
                        new BulkWriteError(
                            121,
                            "Document failed validation",
                            new BsonDocument("failingDocumentId", new BsonString("a")),
                            0)),
                    null,
                    new ServerAddress(),
                    Set.of()));
    GreenWrites writer =
        new GreenWrites(
            client,
            greenDb,
            validating,
            new BulkWriteOptions(),
            new GreenAside(
                client.getDatabase(connections.stateDatabase()), greenDb.getName(), "forms"),
            false);

    List<GreenWrites.Refusal> refused =
        writer.apply(List.of(replace(new Document("_id", "a").append("name", "secret-value"))));

    assertEquals(1, refused.size());
    assertEquals(121, refused.get(0).code());
    assertEquals(new BsonString("a"), refused.get(0).id());
    assertEquals(
        "refused by Green (code 121): Document failed validation", refused.get(0).describe());
  }

  @Test
  void transactionsWhereTheServerHasThem() {
    assertTrue(
        GreenServer.supportsTransactions(
            new Document("setName", "rs0").append("maxWireVersion", 13)));
    assertFalse(
        GreenServer.supportsTransactions(
            new Document("setName", "rs0").append("maxWireVersion", 6)),
        "3.6");
    assertTrue(
        GreenServer.supportsTransactions(
            new Document("msg", "isdbgrid").append("maxWireVersion", 8)));
    assertFalse(
        GreenServer.supportsTransactions(
            new Document("msg", "isdbgrid").append("maxWireVersion", 7)),
        "mongos 4.0");
    assertFalse(
        GreenServer.supportsTransactions(new Document("maxWireVersion", 21)),
        "a standalone server");
  }

  @Test
  void theServersMessageLosesItsDocumentValues() {
    assertEquals(
        "E11000 duplicate key error collection: g.forms index: name_1",
        GreenWrites.reason(
            "E11000 duplicate key error collection: g.forms index: name_1 dup key: { name: \"secret\" }"));
  }

  private List<WriteModel<RawBsonDocument>> swap() {
    return List.of(
        replace(new Document("_id", "a").append("name", "two")),
        replace(new Document("_id", "b").append("name", "one")));
  }

  private static WriteModel<RawBsonDocument> replace(Document d) {
    RawBsonDocument raw = RawBsonDocument.parse(d.toJson());
    return new ReplaceOneModel<>(new BsonDocument("_id", raw.get("_id")), raw, IdOrder.upsert());
  }

  private String name(String id) {
    Document d = greenDb.getCollection("forms").find(Filters.eq("_id", id)).first();
    return d == null ? null : d.getString("name");
  }

  /**
   * The collection, but every bulk write fails once {@code when} matched one (the server or the
   * worker gone).
   */
  @SuppressWarnings("unchecked")
  private static MongoCollection<RawBsonDocument> failing(
      MongoCollection<RawBsonDocument> real,
      Predicate<List<WriteModel<RawBsonDocument>>> when,
      Supplier<RuntimeException> failure) {
    boolean[] dead = new boolean[1];
    return (MongoCollection<RawBsonDocument>)
        Proxy.newProxyInstance(
            GreenWritesTest.class.getClassLoader(),
            new Class<?>[] {MongoCollection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("bulkWrite") && args[0] instanceof List<?> models) {
                if (dead[0]
                    || when.test(new ArrayList<>((List<WriteModel<RawBsonDocument>>) models))) {
                  dead[0] = true;
                  throw failure.get();
                }
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
