package io.bluegreen.activities.copy;

import com.mongodb.client.MongoCollection;
import io.bluegreen.workflows.activities.IdRange;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Walks Blue and Green side by side, both sorted by {@code _id}, and reports each document as
 * identical, missing from Green, extra in Green, or changed. Two documents are identical when their
 * BSON bytes are. Memory stays constant however large the collection is.
 */
public final class CollectionDiff {
  interface Listener {
    default void missing(RawBsonDocument blue) {}

    default void extra(RawBsonDocument green) {}

    default void changed(RawBsonDocument blue, RawBsonDocument green) {}

    /** Called every {@link #PROGRESS_EVERY} documents, to heartbeat (and notice cancellation). */
    default void progress(long blueSeen, long greenSeen) {}
  }

  public static final int PROGRESS_EVERY = 500;

  /** Per side at most (DEPTH + 2) chunks of CHUNK_BYTES are held: 16 MB. */
  private static final int CHUNK_DOCS = 1000;

  private static final long CHUNK_BYTES = 4L * 1024 * 1024;
  private static final int DEPTH = 2;

  record Totals(
      long blueDocuments,
      long greenDocuments,
      String blueDigest,
      String greenDigest,
      long blueBytes) {}

  private CollectionDiff() {}

  /**
   * @param collated whether the collection has a collation of its own (see {@link IdOrder})
   */
  static Totals run(
      int cursorBatch,
      boolean collated,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      Listener listener) {
    return run(cursorBatch, collated, null, blue, green, listener);
  }

  /**
   * As above, over the documents of one {@code _id} range of both sides (all when {@code range} is
   * null).
   */
  static Totals run(
      int cursorBatch,
      boolean collated,
      IdRange range,
      MongoCollection<RawBsonDocument> blue,
      MongoCollection<RawBsonDocument> green,
      Listener listener) {
    MessageDigest blueDigest = sha256();
    MessageDigest greenDigest = sha256();
    long blueSeen = 0;
    long greenSeen = 0;
    long blueBytes = 0;
    long steps = 0;
    // Blue and Green are each read on a thread of their own, ahead of the merge: the two servers
    // (or the one server's two cursors) work at the same time while this thread hashes and
    // compares.
    try (Side b = new Side(blue, cursorBatch, collated, range, "verify-read-blue-");
        Side g = new Side(green, cursorBatch, collated, range, "verify-read-green-")) {
      RawBsonDocument bd = next(b);
      RawBsonDocument gd = next(g);
      while (bd != null || gd != null) {
        int order;
        if (bd == null) {
          order = 1;
        } else if (gd == null) {
          order = -1;
        } else {
          order = BsonOrder.INSTANCE.compare(id(bd), id(gd));
        }
        if (order <= 0) {
          ByteBuffer blueRaw = bytes(bd);
          blueBytes += blueRaw.remaining();
          blueDigest.update(blueRaw);
          blueSeen++;
        }
        if (order >= 0) {
          greenDigest.update(bytes(gd));
          greenSeen++;
        }
        if (order < 0) {
          listener.missing(bd);
          bd = next(b);
        } else if (order > 0) {
          listener.extra(gd);
          gd = next(g);
        } else {
          if (!bytes(bd).equals(bytes(gd))) {
            listener.changed(bd, gd);
          }
          bd = next(b);
          gd = next(g);
        }
        if (++steps % PROGRESS_EVERY == 0) {
          listener.progress(blueSeen, greenSeen);
        }
      }
    }
    return new Totals(blueSeen, greenSeen, hex(blueDigest), hex(greenDigest), blueBytes);
  }

  static BsonValue id(RawBsonDocument doc) {
    return doc.get("_id");
  }

  /** A fresh view of the document's bytes (the buffer's position is not shared). */
  public static ByteBuffer bytes(RawBsonDocument doc) {
    return doc.getByteBuffer().asNIO();
  }

  private static RawBsonDocument next(Side side) {
    return side.next();
  }

  /** One collection in {@code _id} order, read ahead in chunks by a {@link Prefetcher}. */
  private static final class Side implements AutoCloseable {
    private final Prefetcher prefetcher;
    private List<RawBsonDocument> chunk = List.of();
    private int at;

    Side(
        MongoCollection<RawBsonDocument> c,
        int cursorBatch,
        boolean collated,
        IdRange range,
        String threadPrefix) {
      prefetcher =
          new Prefetcher(
              () ->
                  RangeSplitter.open(
                      range,
                      null,
                      filter ->
                          IdOrder.iterate(
                              IdOrder.inIdOrder(c, filter, collated).batchSize(cursorBatch))),
              CHUNK_DOCS,
              CHUNK_BYTES,
              DEPTH,
              threadPrefix + c.getNamespace().getCollectionName());
    }

    RawBsonDocument next() {
      while (at >= chunk.size()) {
        List<RawBsonDocument> more = prefetcher.next();
        if (more == null) {
          return null;
        }
        chunk = more;
        at = 0;
      }
      return chunk.get(at++);
    }

    @Override
    public void close() {
      prefetcher.close();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }
}
