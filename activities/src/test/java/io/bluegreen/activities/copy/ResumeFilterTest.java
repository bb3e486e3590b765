package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which type aliases a resumed read names, and what it leaves out when a server refuses one. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ResumeFilterTest {
  private static final MongoCursor<RawBsonDocument> OPENED = new EmptyCursor();

  /**
   * A server that answers BadValue naming the first alias of {@code unknown} it finds in a filter.
   */
  private static Function<BsonDocument, MongoCursor<RawBsonDocument>> server(
      List<String> filters, Set<String> unknown) {
    return filter -> {
      filters.add(filter.toJson());
      for (String alias : unknown) {
        if (filter.toJson().contains("\"" + alias + "\"")) {
          throw new MongoCommandException(
              new BsonDocument("ok", new BsonInt32(0))
                  .append("code", new BsonInt32(2))
                  .append("errmsg", new BsonString("Unknown type name alias: " + alias)),
              new ServerAddress());
        }
      }
      return OPENED;
    };
  }

  @Test
  void onlyTheRefusedAliasIsLeftOutSoIdsOfEveryOtherTypeAreStillRead() {
    List<String> filters = new ArrayList<>();
    assertSame(OPENED, ResumeFilter.iterate(BsonNull.VALUE, server(filters, Set.of("decimal"))));

    assertEquals(2, filters.size(), "refused once, then read: " + filters);
    String last = filters.get(1);
    assertFalse(last.contains("\"decimal\""));
    for (String kept :
        List.of("maxKey", "string", "objectId", "javascript", "symbol", "timestamp")) {
      assertTrue(last.contains("\"" + kept + "\""), kept + " still read after a null id: " + last);
    }
  }

  @Test
  void everyRefusedAliasIsLeftOutOneAtATime() {
    List<String> filters = new ArrayList<>();
    ResumeFilter.iterate(
        BsonNull.VALUE,
        server(
            filters,
            Set.of(
                "decimal", "maxKey", "symbol", "dbPointer", "javascript", "javascriptWithScope")));

    String last = filters.get(filters.size() - 1);
    assertFalse(
        last.contains("\"maxKey\"")
            || last.contains("\"javascript\"")
            || last.contains("\"symbol\""),
        last);
    assertTrue(last.contains("\"string\"") && last.contains("\"date\""), last);
  }

  @Test
  void afterMinKeyNullIdsAreReadToo() {
    assertTrue(ResumeFilter.after(new BsonMinKey()).toJson().contains("\"null\""));
  }

  @Test
  void anotherBadValueIsNotSwallowed() {
    Function<BsonDocument, MongoCursor<RawBsonDocument>> refusing =
        filter -> {
          throw new MongoCommandException(
              new BsonDocument("ok", new BsonInt32(0))
                  .append("code", new BsonInt32(2))
                  .append("errmsg", new BsonString("$or needs an array")),
              new ServerAddress());
        };
    assertThrows(
        MongoCommandException.class, () -> ResumeFilter.iterate(new BsonInt64(7), refusing));
  }

  private static final class EmptyCursor implements MongoCursor<RawBsonDocument> {
    @Override
    public void close() {}

    @Override
    public boolean hasNext() {
      return false;
    }

    @Override
    public RawBsonDocument next() {
      throw new NoSuchElementException();
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public RawBsonDocument tryNext() {
      return null;
    }

    @Override
    public ServerCursor getServerCursor() {
      return null;
    }

    @Override
    public ServerAddress getServerAddress() {
      return new ServerAddress();
    }
  }
}
