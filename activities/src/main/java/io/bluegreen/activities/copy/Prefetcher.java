package io.bluegreen.activities.copy;

import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.RawBsonDocument;

/**
 * Reads a cursor on a thread of its own into a bounded queue of chunks, so that the consumer
 * (inserting into Green, or hashing and comparing) never waits for a round trip to the source and
 * the source never waits for the consumer: both sides of the wire stay busy.
 *
 * <p>Memory is bounded: at most {@code depth} chunks wait in the queue, plus the one the reader is
 * filling and the one the consumer holds, each at most {@code maxBytes} (a single larger document
 * makes a chunk of its own). The documents stay {@link RawBsonDocument}s, the driver's bytes as
 * received, so nothing is decoded or re-encoded on the way.
 *
 * <p>The consumer's thread keeps the activity's heartbeats, cancellation and errors: a failure of
 * the reader is rethrown by {@link #next()}, and {@link #close()} stops the reader and closes its
 * cursor, whatever state the consumer stopped in.
 */
public final class Prefetcher implements AutoCloseable {
  private static final Object END = new Object();
  private static final long POLL_MS = 100;
  private static final long CLOSE_WAIT_MS = 30_000;

  private final BlockingQueue<Object> queue;
  private final Thread reader;
  private final int maxDocs;
  private final long maxBytes;
  private volatile boolean closed;
  private boolean ended;

  /**
   * @param open opens the cursor; called on the reader's thread
   * @param maxDocs documents per chunk
   * @param maxBytes bytes per chunk (BSON sizes)
   * @param depth chunks read ahead of the consumer
   */
  public Prefetcher(
      Supplier<MongoCursor<RawBsonDocument>> open,
      int maxDocs,
      long maxBytes,
      int depth,
      String name) {
    this.maxDocs = Math.max(1, maxDocs);
    this.maxBytes = maxBytes;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
    this.reader = new Thread(() -> read(open), name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Supplier<MongoCursor<RawBsonDocument>> open) {
    try (MongoCursor<RawBsonDocument> c = open.get()) {
      List<RawBsonDocument> chunk = new ArrayList<>();
      long bytes = 0;
      while (!closed && c.hasNext()) {
        RawBsonDocument doc = c.next();
        int size = size(doc);
        if (!chunk.isEmpty() && (chunk.size() >= maxDocs || bytes + size > maxBytes)) {
          if (!put(chunk)) {
            return;
          }
          chunk = new ArrayList<>();
          bytes = 0;
        }
        chunk.add(doc);
        bytes += size;
      }
      if (!chunk.isEmpty() && !put(chunk)) {
        return;
      }
      put(END);
    } catch (RuntimeException | Error e) {
      if (!closed) {
        put(e);
      }
    }
  }

  /** Waits for room, giving up once the consumer closed: it will never take the item. */
  private boolean put(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** The next chunk in cursor order, or null after the last. */
  @SuppressWarnings("unchecked")
  public List<RawBsonDocument> next() {
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading ahead", e);
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof RuntimeException e) {
      ended = true;
      throw e;
    }
    if (item instanceof Error e) {
      ended = true;
      throw e;
    }
    return (List<RawBsonDocument>) item;
  }

  static int size(RawBsonDocument doc) {
    return doc.getByteBuffer().remaining();
  }

  /**
   * Stops the reader and waits for it to close its cursor, so no read of Blue outlives the activity
   * attempt (a retry would otherwise race a ghost reader for the same connections).
   */
  @Override
  public void close() {
    closed = true;
    queue.clear();
    try {
      reader.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
