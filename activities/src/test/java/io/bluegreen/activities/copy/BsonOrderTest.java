package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BsonOrderTest {
  static int cmp(BsonValue a, BsonValue b) {
    return Integer.signum(BsonOrder.INSTANCE.compare(a, b));
  }

  @Test
  void followsMongoDbTypeOrder() {
    List<BsonValue> ascending =
        List.of(
            new BsonMinKey(),
            BsonNull.VALUE,
            new BsonInt32(-5),
            new BsonDouble(1.5),
            new BsonInt64(2),
            new BsonString("A"),
            new BsonString("a"),
            new BsonDocument("a", new BsonInt32(1)),
            new BsonObjectId(new ObjectId("000000000000000000000001")),
            BsonBoolean.FALSE,
            BsonBoolean.TRUE,
            new BsonDateTime(-1),
            new BsonDateTime(0),
            new BsonMaxKey());
    for (int i = 0; i + 1 < ascending.size(); i++) {
      assertEquals(
          -1,
          cmp(ascending.get(i), ascending.get(i + 1)),
          ascending.get(i) + " < " + ascending.get(i + 1));
      assertEquals(1, cmp(ascending.get(i + 1), ascending.get(i)));
    }
  }

  @Test
  void comparesNumbersAcrossTypesByValueAndStringsByUtf8Bytes() {
    assertEquals(0, cmp(new BsonInt32(3), new BsonInt64(3)));
    assertEquals(0, cmp(new BsonInt32(3), new BsonDouble(3.0)));
    assertEquals(-1, cmp(new BsonInt64(Long.MAX_VALUE - 1), new BsonInt64(Long.MAX_VALUE)));
    assertEquals(-1, cmp(new BsonDouble(Double.NaN), new BsonInt32(Integer.MIN_VALUE)));
    // U+FFFD sorts below U+1F600 in UTF-8, although Java's UTF-16 compareTo says the opposite.
    assertTrue("\uFFFD".compareTo("\uD83D\uDE00") > 0);
    assertEquals(-1, cmp(new BsonString("\uFFFD"), new BsonString("\uD83D\uDE00")));
  }

  @Test
  void agreesWithTheServersSortOfIds() {
    MongoServer server = new MongoServer(new MemoryBackend());
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
      MongoCollection<BsonDocument> c =
          client.getDatabase("t").getCollection("ids", BsonDocument.class);
      Random random = new Random(7);
      List<BsonValue> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        // distinct values, interleaving across the numeric types
        ids.add(new BsonInt32(i * 38 - 1000));
        ids.add(new BsonInt64(i * 42L - 899));
        ids.add(new BsonDouble(i * 29.5 + 0.25 - 800));
        ids.add(new BsonString("k" + (i * 7919 % 1000) + (i % 2 == 0 ? "é" : "")));
        ids.add(new BsonObjectId(new ObjectId()));
        ids.add(new BsonDateTime(new Date().getTime() + i));
      }
      ids.add(BsonBoolean.TRUE);
      ids.add(BsonBoolean.FALSE);
      for (BsonValue id : ids) {
        c.insertOne(new BsonDocument("_id", id));
      }
      List<BsonValue> serverOrder = new ArrayList<>();
      c.find().sort(Sorts.ascending("_id")).forEach(d -> serverOrder.add(d.get("_id")));
      List<BsonValue> ours = new ArrayList<>(ids);
      Collections.shuffle(ours, random);
      ours.sort(BsonOrder.INSTANCE);
      assertEquals(serverOrder, ours);
    } finally {
      server.shutdownNow();
    }
  }
}
