package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.model.PlatformSpec;
import io.netty.channel.Channel;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Green's collection is created with Blue's capped size/max, validator and collation before the
 * copy. mongo-java-server accepts a validator and a collation but neither keeps nor reports them,
 * and refuses capped collections ("not yet implemented"). So this test's server, still the real
 * wire protocol and the real driver, keeps the options of each {@code create} and reports them in
 * {@code listCollections}, as MongoDB does; capped is recorded but not passed on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CollectionOptionsTest {
  static MongoServer server;
  static OptionsKeepingBackend backend;
  static Connections connections;
  TestActivityEnvironment env;
  CollectionCopyActivities copy;
  PlatformSpec blue;
  PlatformSpec green;
  static int seq;

  static final Document VALIDATOR = new Document("name", new Document("$type", "string"));
  static final Document COLLATION = new Document("locale", "en").append("strength", 2);

  @BeforeAll
  static void start() {
    backend = new OptionsKeepingBackend();
    server = new MongoServer(backend);
    String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    // No Redis is needed by the copy activities; the name only has to parse.
    connections = new Connections(Map.of("local", uri), Map.of("local", "redis://127.0.0.1:1"));
  }

  @AfterAll
  static void stop() {
    connections.close();
    server.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    seq++;
    blue = new PlatformSpec("local", "opts_blue_" + seq, "local", 0, "blue");
    green = new PlatformSpec("local", "opts_green_" + seq, "local", 1, "green");
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    copy =
        env.newActivityStub(
            CollectionCopyActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  MongoDatabase db(PlatformSpec p) {
    return connections.mongo("local").getDatabase(p.database());
  }

  static Document options(MongoDatabase db, String name) {
    for (Document info : db.listCollections()) {
      if (name.equals(info.getString("name"))) {
        return info.get("options", Document.class);
      }
    }
    return null;
  }

  @Test
  void createsGreensCollectionWithBluesOptions() {
    db(blue)
        .runCommand(
            new Document("create", "capped")
                .append("capped", true)
                .append("size", 65536L)
                .append("max", 100L));
    db(blue)
        .runCommand(
            new Document("create", "validated")
                .append("validator", VALIDATOR)
                .append("validationLevel", "moderate")
                .append("validationAction", "warn"));
    db(blue).runCommand(new Document("create", "collated").append("collation", COLLATION));
    db(blue).createCollection("plain");
    for (String name : List.of("capped", "validated", "collated", "plain")) {
      db(blue).getCollection(name).insertOne(new Document("_id", 1).append("name", name));
    }

    for (String name : List.of("capped", "validated", "collated", "plain")) {
      CopyResult r = copy.copyCollection(new CopyInput(blue, green, name, 100));
      assertEquals(1, r.documents(), name);
    }
    assertEquals(
        new Document("capped", true).append("size", 65536L).append("max", 100L),
        options(db(green), "capped"));
    assertEquals(
        new Document("validator", VALIDATOR)
            .append("validationLevel", "moderate")
            .append("validationAction", "warn"),
        options(db(green), "validated"));
    assertEquals(new Document("collation", COLLATION), options(db(green), "collated"));
    assertEquals(new Document(), options(db(green), "plain"));
    // Only under a validator does the copy bypass validation (it needs a privilege readWrite
    // lacks).
    assertEquals(List.of("opts_green_" + seq + ".validated"), backend.bypassed);
  }

  @Test
  void anExistingGreenCollectionIsLeftAsItIs() {
    db(blue).runCommand(new Document("create", "collated").append("collation", COLLATION));
    db(blue).getCollection("collated").insertOne(new Document("_id", 1));
    db(green).runCommand(new Document("create", "collated").append("validationAction", "warn"));

    copy.copyCollection(new CopyInput(blue, green, "collated", 100));
    copy.copyCollection(new CopyInput(blue, green, "collated", 100));
    copy.resyncCollection(new ResyncInput(blue, green, "collated"));
    assertEquals(new Document("validationAction", "warn"), options(db(green), "collated"));
    assertEquals(1, db(green).getCollection("collated").countDocuments());
  }

  @Test
  void resyncCreatesAMissingGreenCollectionWithBluesOptions() {
    db(blue).runCommand(new Document("create", "collated").append("collation", COLLATION));
    db(blue).getCollection("collated").insertOne(new Document("_id", 1));
    copy.resyncCollection(new ResyncInput(blue, green, "collated"));
    assertEquals(new Document("collation", COLLATION), options(db(green), "collated"));
  }

  /** Keeps create's options per namespace and reports them in listCollections. */
  static final class OptionsKeepingBackend extends MemoryBackend {
    final Map<String, de.bwaldvogel.mongo.bson.Document> kept = new ConcurrentHashMap<>();
    final List<String> bypassed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public de.bwaldvogel.mongo.bson.Document handleCommand(
        Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
      if (command.equalsIgnoreCase("create")) {
        de.bwaldvogel.mongo.bson.Document options = new de.bwaldvogel.mongo.bson.Document();
        de.bwaldvogel.mongo.bson.Document passed = new de.bwaldvogel.mongo.bson.Document();
        for (Map.Entry<String, Object> e : query.entrySet()) {
          String k = e.getKey();
          boolean option = !k.equals("create") && !k.startsWith("$") && !k.equals("lsid");
          if (option) {
            options.put(k, e.getValue());
          }
          if (!(k.equals("capped") || k.equals("size") || k.equals("max"))) {
            passed.put(k, e.getValue());
          }
        }
        de.bwaldvogel.mongo.bson.Document result =
            super.handleCommand(channel, database, command, passed);
        kept.put(database + "." + query.get("create"), options);
        return result;
      }
      if (command.equalsIgnoreCase("insert")
          && Boolean.TRUE.equals(query.get("bypassDocumentValidation"))) {
        bypassed.add(database + "." + query.get("insert"));
      }
      de.bwaldvogel.mongo.bson.Document result =
          super.handleCommand(channel, database, command, query);
      if (command.equalsIgnoreCase("listCollections")) {
        de.bwaldvogel.mongo.bson.Document cursor =
            (de.bwaldvogel.mongo.bson.Document) result.get("cursor");
        @SuppressWarnings("unchecked")
        List<Object> batch = (List<Object>) cursor.get("firstBatch");
        for (Object o : batch) {
          de.bwaldvogel.mongo.bson.Document info = (de.bwaldvogel.mongo.bson.Document) o;
          de.bwaldvogel.mongo.bson.Document options = kept.get(database + "." + info.get("name"));
          if (options != null) {
            info.put("options", options);
          }
        }
      }
      return result;
    }
  }
}
