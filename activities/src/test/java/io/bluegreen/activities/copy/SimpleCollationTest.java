package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.model.PlatformSpec;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@code _id}-ordered read and {@code _id}-keyed write of the copy, the verification and the
 * resync says {@code collation: {locale: "simple"}} (see {@link IdOrder} for why: a collection's
 * own collation would order string ids differently from {@link BsonOrder} and give false
 * differences). The local emulator ignores collations, so this checks what reaches the server: the
 * commands, as the server received them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SimpleCollationTest {
  /** mongo-java-server's in-memory backend, keeping every command it is sent. */
  static final class RecordingBackend extends MemoryBackend {
    final List<de.bwaldvogel.mongo.bson.Document> commands = new CopyOnWriteArrayList<>();

    @Override
    public de.bwaldvogel.mongo.bson.Document handleCommand(
        Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
      commands.add(query.cloneDeeply());
      return super.handleCommand(channel, database, command, query);
    }
  }

  private RecordingBackend backend;
  private final PlatformSpec blue = new PlatformSpec("local", "collated", "local", 0, "blue");
  private final PlatformSpec green =
      new PlatformSpec("local", "collated_green", "local", 1, "green");

  private CopyOnBackend servers;

  @BeforeEach
  void start() {
    backend = new RecordingBackend();
    servers = new CopyOnBackend(backend);
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  private void insert(String db, String... ids) {
    for (String id : ids) {
      servers
          .client
          .getDatabase(db)
          .getCollection("names")
          .insertOne(new Document("_id", id).append("v", db + id));
    }
  }

  /** The commands of one kind the server received for collection "names". */
  private List<de.bwaldvogel.mongo.bson.Document> received(String command) {
    List<de.bwaldvogel.mongo.bson.Document> out = new ArrayList<>();
    for (var c : backend.commands) {
      if ("names".equals(c.get(command))) {
        out.add(c);
      }
    }
    return out;
  }

  private static void assertSimple(Object collation, Object where) {
    assertTrue(
        collation instanceof de.bwaldvogel.mongo.bson.Document d
            && "simple".equals(d.get("locale")),
        "collation simple in " + where);
  }

  @Test
  void copyVerifyAndResyncReadAndWriteByIdUnderTheSimpleCollation() {
    insert("collated", "a", "B", "A", "b", "é", "Z");
    // A resumed copy: its $gt filter must compare binary too.
    servers.env.setHeartbeatDetails(
        new CopyCheckpoint("names", BsonIds.toJson(new BsonString("A")), 2, 0));
    servers.copy.copyCollection(new CopyInput(blue, green, "names", 2));
    servers
        .client
        .getDatabase("collated_green")
        .getCollection("names")
        .insertOne(new Document("_id", "A").append("v", "x"));
    servers
        .client
        .getDatabase("collated_green")
        .getCollection("names")
        .insertOne(new Document("_id", "c").append("v", "extra"));
    assertFalse(servers.copy.verifyCollection(new VerifyInput(blue, green, "names", 5)).match());
    ResyncResult r = servers.copy.resyncCollection(new ResyncInput(blue, green, "names"));
    assertEquals(1, r.deleted(), "the extra 'c' and nothing else: " + r);
    assertTrue(servers.copy.verifyCollection(new VerifyInput(blue, green, "names", 5)).match());

    List<de.bwaldvogel.mongo.bson.Document> finds = received("find");
    assertTrue(
        finds.size() >= 1 + 2 * 3, "the copy's read and both sides of three comparisons: " + finds);
    for (var f : finds) {
      assertSimple(f.get("collation"), f);
      assertEquals(
          1,
          ((Number) ((de.bwaldvogel.mongo.bson.Document) f.get("sort")).get("_id")).intValue(),
          "" + f);
      assertFalse(
          f.containsKey("allowDiskUse"), "not collated: the _id index serves the order: " + f);
    }
    List<de.bwaldvogel.mongo.bson.Document> writes = new ArrayList<>(received("update"));
    writes.addAll(received("delete"));
    assertFalse(writes.isEmpty(), "the resync wrote");
    for (var w : writes) {
      Object statements = w.containsKey("updates") ? w.get("updates") : w.get("deletes");
      for (Object s : (List<?>) statements) {
        assertSimple(((de.bwaldvogel.mongo.bson.Document) s).get("collation"), w);
      }
    }
  }

  @Test
  void aCollatedCollectionIsReadInTheSimpleOrderWithTheSortAllowedOnDisk() {
    insert("collated", "b", "a");
    List<String> ids = new ArrayList<>();
    IdOrder.inIdOrder(
            servers.client.getDatabase("collated").getCollection("names", RawBsonDocument.class),
            new BsonDocument(),
            true)
        .forEach(d -> ids.add(d.getString("_id").getValue()));
    assertEquals(List.of("a", "b"), ids);
    var find = received("find").get(0);
    assertSimple(find.get("collation"), find);
    assertEquals(Boolean.TRUE, find.get("allowDiskUse"), "" + find);
  }
}
