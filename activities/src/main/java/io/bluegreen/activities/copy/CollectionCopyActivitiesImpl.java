package io.bluegreen.activities.copy;

import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.activities.support.MemoryBudget;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.RangeSplit;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.ResyncResult;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.temporal.activity.Activity;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * Copies, splits, compares and repairs one collection. Blue is only read. The copy is {@link
 * CollectionCopy}, the comparison {@link CollectionVerification}, the split {@link RangeSplitter}.
 */
public class CollectionCopyActivitiesImpl implements CollectionCopyActivities {
  public static final String UNIQUE_CONFLICT = FailureTypes.UNIQUE_CONFLICT;
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final CollectionCopy copy;
  private final CollectionVerification verification;

  public CollectionCopyActivitiesImpl(Connections connections) {
    this(connections, CopyMetrics.NONE, Throttle.SYSTEM);
  }

  /**
   * @param metrics where documents and bytes copied and verified are reported
   */
  public CollectionCopyActivitiesImpl(Connections connections, CopyMetrics metrics) {
    this(connections, metrics, Throttle.SYSTEM);
  }

  /** With the clock the copy throttle waits on: tests give a virtual one. */
  CollectionCopyActivitiesImpl(Connections connections, Throttle.Clock throttleClock) {
    this(connections, CopyMetrics.NONE, throttleClock);
  }

  private CollectionCopyActivitiesImpl(
      Connections connections, CopyMetrics metrics, Throttle.Clock throttleClock) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.copy = new CollectionCopy(connections, metrics, throttleClock);
    this.verification = new CollectionVerification(connections, metrics);
  }

  @Override
  public CopyResult copyCollection(CopyInput input) {
    return boundary.run("CopyCollection", () -> copy.run(input));
  }

  @Override
  public RangeSplit splitCollection(RangeSplitInput input) {
    return boundary.run("SplitCollection", () -> split(input));
  }

  @Override
  public VerifyResult verifyCollection(VerifyInput input) {
    return boundary.run("VerifyCollection", () -> verification.one(input));
  }

  @Override
  public VerifyCollectionsResult verifyCollections(VerifyCollectionsInput input) {
    return boundary.run("VerifyCollections", () -> verification.all(input));
  }

  @Override
  public ResyncResult resyncCollection(ResyncInput input) {
    return boundary.run("ResyncCollection", () -> resync(input));
  }

  /**
   * Green's collection with Blue's options and indexes, then the split points from Blue's {@code
   * _id} index ({@link RangeSplitter}). A view is not split: it is copied whole.
   */
  private RangeSplit split(RangeSplitInput input) {
    String name = input.collection();
    MongoDatabase blueDb = connections.database(input.blue());
    MongoDatabase greenDb = connections.database(input.green());
    if (CollectionKind.read(blueDb, name).type() == CollectionKind.Type.VIEW) {
      return new RangeSplit(name, 0, List.of());
    }
    int indexes = IndexCopier.copy(blueDb, greenDb, name, CollectionOptions.read(blueDb, name));
    try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L)) {
      List<IdRange> ranges =
          RangeSplitter.split(
              blueDb.getCollection(name, RawBsonDocument.class), input.ranges(), alive::progress);
      return new RangeSplit(name, indexes, ranges);
    }
  }

  private ResyncResult resync(ResyncInput input) {
    try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L);
        MemoryBudget.Share share = MemoryBudget.take(MemoryBudget.COPY_MB, alive::waiting)) {
      return CollectionResync.run(connections, input, alive);
    }
  }
}
