package io.bluegreen.activities.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoSocketException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.activities.support.MemoryBudget;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.IdRange;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * The copy of one collection, or of one {@code _id} range of it, from Blue to Green: resumable (the
 * last copied {@code _id} is heartbeated, and a retry goes on after it) and replay-safe (a document
 * already on Green is skipped), so any retry, with or without a checkpoint, ends with the same
 * Green.
 */
final class CollectionCopy {
  static final int DEFAULT_BATCH = 1000;

  /** Keeps a batch well under MongoDB's 48 MB message limit and bounds the worker's memory. */
  static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

  private static final int DUPLICATE_KEY = 11000;

  /**
   * Batches read ahead of the writer. One is enough to keep both sides busy; more would only hold
   * memory: per running copy at most (depth + 2) x 16 MB of documents are in the worker.
   */
  static final int PREFETCH_DEPTH = 1;

  private final Connections connections;
  private final CopyMetrics metrics;
  private final Throttle.Clock throttleClock;

  CollectionCopy(Connections connections, CopyMetrics metrics, Throttle.Clock throttleClock) {
    this.connections = connections;
    this.metrics = metrics;
    this.throttleClock = throttleClock;
  }

  CopyResult run(CopyInput input) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    String name = input.collection();
    Integer range = input.range() == null ? null : input.range().index();
    Optional<CopyCheckpoint> checkpoint =
        ctx.getHeartbeatDetails(CopyCheckpoint.class)
            .filter(
                c ->
                    name.equals(c.collection())
                        && Objects.equals(range, c.range())
                        && c.lastId() != null);
    try (KeepAlive alive = new KeepAlive(ctx, checkpoint.orElse(null));
        MemoryBudget.Share share = MemoryBudget.take(MemoryBudget.COPY_MB, alive::waiting)) {
      return copy(input, alive, checkpoint);
    } finally {
      metrics.copyEnded(ctx.getInfo().getWorkflowId(), name);
    }
  }

  private CopyResult copy(CopyInput input, KeepAlive alive, Optional<CopyCheckpoint> checkpoint) {
    String name = input.collection();
    MongoDatabase blueDb = connections.database(input.blue());
    // Majority write concern, as the sync writes: a copied document a failover rolls back is lost
    // without a trace.
    MongoDatabase greenDb =
        connections.database(input.green()).withWriteConcern(WriteConcern.MAJORITY);
    IdRange range = input.range();
    Document options;
    int indexes;
    if (range == null) {
      CollectionKind kind = CollectionKind.read(blueDb, name);
      if (kind.type() == CollectionKind.Type.VIEW) {
        // A view is its definition, not data: Green gets the same view over its own collections.
        kind.createViewOn(greenDb);
        return new CopyResult(name, 0, 0, 0);
      }
      options = CollectionOptions.read(blueDb, name);
      indexes = IndexCopier.copy(blueDb, greenDb, name, options);
    } else {
      // The split made Green's collection and indexes; a range only needs the options it reads by.
      options = CollectionOptions.read(blueDb, name);
      indexes = 0;
    }
    Integer rangeIndex = range == null ? null : range.index();

    BsonValue lastId = checkpoint.map(c -> BsonIds.fromJson(c.lastId())).orElse(null);
    long copied = checkpoint.map(CopyCheckpoint::copied).orElse(0L);
    long bytes = checkpoint.map(CopyCheckpoint::bytes).orElse(0L);
    Throttle throttle = Throttle.perSecond(input.documentsPerSecond(), throttleClock);
    // Under a throttle a batch holds at most one second's worth, so the copy flows evenly and
    // every wait between heartbeats stays far below the heartbeat timeout.
    int batchSize = throttle.capBatch(input.batchSize() > 0 ? input.batchSize() : DEFAULT_BATCH);
    // Green's validator must not reject what Blue already holds (documents written before a
    // validator was added, or under validationLevel moderate): Blue is the truth. Asked only when
    // there is a validator, since bypassing needs a privilege that readWrite lacks.
    InsertManyOptions insertOptions =
        new InsertManyOptions()
            .ordered(false)
            .bypassDocumentValidation(CollectionOptions.hasValidator(options) ? true : null);

    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    MongoCollection<RawBsonDocument> source = blueDb.getCollection(name, RawBsonDocument.class);
    MongoCollection<RawBsonDocument> target = greenDb.getCollection(name, RawBsonDocument.class);
    BsonValue resumeAfter = lastId;
    // One reader thread keeps the next batch coming from Blue while this thread writes the
    // current one to Green; heartbeats (and with them cancellation) stay on this thread.
    try (Prefetcher blue =
        new Prefetcher(
            () -> {
              int cursorBatch = CursorBatch.of(blueDb, name);
              Function<BsonDocument, MongoCursor<RawBsonDocument>> read =
                  filter ->
                      IdOrder.iterate(
                          IdOrder.inIdOrder(source, filter, IdOrder.collated(options))
                              .batchSize(cursorBatch));
              return RangeSplitter.open(range, resumeAfter, read);
            },
            batchSize,
            MAX_BATCH_BYTES,
            PREFETCH_DEPTH,
            "copy-read-" + name + (range == null ? "" : "-" + range.label()))) {
      for (List<RawBsonDocument> batch = blue.next(); batch != null; batch = blue.next()) {
        throttle.acquire(batch.size());
        insert(greenDb, target, batch, insertOptions, () -> metrics.conflict(workflowId, name));
        long batchBytes = 0;
        for (RawBsonDocument d : batch) {
          batchBytes += Prefetcher.size(d);
        }
        metrics.copied(workflowId, name, batch.size(), batchBytes);
        copied += batch.size();
        bytes += batchBytes;
        lastId = batch.get(batch.size() - 1).get("_id");
        alive.progress(new CopyCheckpoint(name, BsonIds.toJson(lastId), copied, bytes, rangeIndex));
      }
    }
    return new CopyResult(
        name,
        copied,
        bytes,
        indexes,
        rangeIndex,
        checkpoint.map(CopyCheckpoint::copied).orElse(null));
  }

  /**
   * Inserts a batch unordered. A duplicate {@code _id} means an earlier attempt already copied that
   * document (a batch replayed after a crash between insert and heartbeat): skip it. Any other
   * duplicate is a real conflict with data already on Green.
   */
  private static void insert(
      MongoDatabase green,
      MongoCollection<RawBsonDocument> target,
      List<RawBsonDocument> batch,
      InsertManyOptions options,
      Runnable onConflict) {
    try {
      target.insertMany(batch, options);
    } catch (MongoSocketException e) {
      UnsupportedOnGreen.check(green, target.getNamespace().getCollectionName(), batch, e);
      throw e;
    } catch (MongoBulkWriteException e) {
      List<BsonValue> duplicates = new ArrayList<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        duplicates.add(batch.get(error.getIndex()).get("_id"));
      }
      long present =
          target.countDocuments(
              new BsonDocument("_id", new BsonDocument("$in", new BsonArray(duplicates))));
      if (present < duplicates.size()) {
        onConflict.run();
        throw ApplicationFailure.newNonRetryableFailure(
            "documents of '"
                + target.getNamespace().getCollectionName()
                + "' clash with different documents already on Green under a unique index; "
                + "empty Green's collection and copy again",
            FailureTypes.UNIQUE_CONFLICT);
      }
    }
  }
}
