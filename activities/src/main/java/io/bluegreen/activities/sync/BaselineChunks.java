package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import io.bluegreen.activities.copy.BsonOrder;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reading and writing one generation of a collection's baseline as chunks, in the layout the
 * baseline store keeps.
 */
final class BaselineChunks {
  static final int CHUNK = 1000;

  /**
   * A chunk is also closed at about this many bytes of {@code _id}s: large ids (long strings,
   * embedded documents) would otherwise make a chunk, held in memory and written as one document,
   * approach MongoDB's 16 MB limit.
   */
  static final long CHUNK_ID_BYTES = 2L * 1024 * 1024;

  private BaselineChunks() {}

  /**
   * The entries in {@code _id} order, with a one-entry look-ahead for merging with Blue and Green.
   */
  static final class Reader implements AutoCloseable {
    private final SortedStream chunks;
    private List<BsonValue> ids;
    private byte[] hashes;
    private int at;

    Reader(MongoCollection<RawBsonDocument> generation, String collection) {
      this.chunks =
          generation == null
              ? null
              : new SortedStream(generation, 100, "sync-baseline-" + collection);
    }

    /** The next entry's {@code _id}, or null at the end. */
    BsonValue peekId() {
      while (ids == null || at >= ids.size()) {
        RawBsonDocument chunk = chunks == null ? null : chunks.next();
        if (chunk == null) {
          return null;
        }
        // Decoded once: a raw array finds an element (and its size) by walking its bytes.
        ids = new ArrayList<>(BaselineChunks.CHUNK);
        for (BsonValue v : chunk.getArray("ids")) {
          ids.add(v);
        }
        hashes = chunk.getBinary("h").getData();
        at = 0;
      }
      return ids.get(at);
    }

    /** The hash of the next entry when its {@code _id} is {@code id} (consuming it), else null. */
    byte[] takeIf(BsonValue id) {
      BsonValue mine = peekId();
      if (mine == null || BsonOrder.INSTANCE.compare(mine, id) != 0) {
        return null;
      }
      byte[] h = new byte[BaselineEntry.HASH_BYTES];
      System.arraycopy(hashes, at * BaselineEntry.HASH_BYTES, h, 0, BaselineEntry.HASH_BYTES);
      at++;
      return h;
    }

    @Override
    public void close() {
      if (chunks != null) {
        chunks.close();
      }
    }
  }

  /** Appends entries, which must come in {@code _id} order, as chunks of the next generation. */
  static final class Writer {
    private final MongoCollection<BsonDocument> target;
    private final long generation;
    private final Long basedOn;
    private final List<BsonValue> ids = new ArrayList<>();
    private final byte[] hashes = new byte[CHUNK * BaselineEntry.HASH_BYTES];
    private long chunk;
    private long count;
    private long idBytes;

    /**
     * {@code basedOn}: the generation in force when writing began (-1 for none), null when the
     * collection had no meta.
     */
    Writer(MongoCollection<BsonDocument> target, long generation, Long basedOn) {
      this.target = target;
      this.generation = generation;
      this.basedOn = basedOn;
    }

    long generation() {
      return generation;
    }

    Long basedOn() {
      return basedOn;
    }

    void add(BsonValue id, byte[] hash) {
      System.arraycopy(
          hash, 0, hashes, ids.size() * BaselineEntry.HASH_BYTES, BaselineEntry.HASH_BYTES);
      idBytes += size(id);
      ids.add(BaselineEntry.plain(id));
      count++;
      if (ids.size() == CHUNK || idBytes >= CHUNK_ID_BYTES) {
        flush();
      }
    }

    long count() {
      return count;
    }

    void close() {
      if (!ids.isEmpty()) {
        flush();
      }
    }

    private void flush() {
      byte[] h = new byte[ids.size() * BaselineEntry.HASH_BYTES];
      System.arraycopy(hashes, 0, h, 0, h.length);
      target.insertOne(
          new BsonDocument("_id", new BsonInt64(chunk++))
              .append("ids", new BsonArray(ids))
              .append("h", new BsonBinary(h)));
      ids.clear();
      idBytes = 0;
    }

    /** About the bytes an {@code _id} takes in a chunk. */
    static long size(BsonValue id) {
      if (id instanceof RawBsonDocument raw) {
        return raw.getByteBuffer().remaining();
      }
      if (id instanceof BsonString s) {
        return 8L + 3L * s.getValue().length();
      }
      if (id instanceof BsonBinary b) {
        return 8L + b.getData().length;
      }
      if (id instanceof BsonDocument || id instanceof BsonArray) {
        return 8L + id.toString().length();
      }
      return 16;
    }
  }
}
