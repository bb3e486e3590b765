package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.activities.copy.CursorBatch;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.ConfigBaselineInput;
import io.bluegreen.workflows.activities.ConfigBaselineResult;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.DropBaselineResult;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.PrepareBaselineInput;
import io.bluegreen.workflows.activities.PrepareBaselineResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;
import java.util.Map;
import org.bson.RawBsonDocument;

/**
 * The baseline and the three-way sync (see {@link SyncActivities}). Blue is only read. Each
 * activity is idempotent: a retry from scratch ends in the same Green and the same baseline.
 * Progress (documents looked at) is heartbeated; results are counts, never documents.
 */
public class SyncActivitiesImpl implements SyncActivities {
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final Durability durability;

  public SyncActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.durability = new Durability(connections);
  }

  @Override
  public BaselineResult recordBaseline(BaselineInput input) {
    return boundary.run(
        "RecordBaseline",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          MongoDatabase blue = blueDb(input.blue());
          MongoDatabase green = greenDb(input.green());
          List<BaselineResult.Collection> out =
              CollectionTasks.run(
                  input.collections(),
                  input.parallel(),
                  (name, seen) -> {
                    if (CollectionKind.read(blue, name).type() != CollectionKind.Type.COLLECTION) {
                      // A view has no documents of its own; a missing collection has none to
                      // remember. An overlapping attempt that recorded it first keeps its record.
                      return store.markEmpty(name)
                          ? new BaselineResult.Collection(name, 0, 0, false)
                          : new BaselineResult.Collection(name, store.recorded(name), 0, true);
                    }
                    return BaselineRecorder.record(
                        name, raw(green, name), store, CursorBatch.of(green, name), seen);
                  });
          return new BaselineResult(out);
        });
  }

  @Override
  public PrepareBaselineResult prepareBaseline(PrepareBaselineInput input) {
    return boundary.run(
        "PrepareBaseline", () -> new BaselinePreparation(connections, durability).prepare(input));
  }

  @Override
  public ConfigBaselineResult recordConfigBaseline(ConfigBaselineInput input) {
    return boundary.run(
        "RecordConfigBaseline",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          List<String> ignored = input.ignoredPaths() == null ? List.of() : input.ignoredPaths();
          Map<String, byte[]> hashes =
              ConfigHashes.of(blueDb(input.blue()), input.blue().profile(), ignored);
          ConfigHashes.save(store, hashes);
          ConfigHashes.saveIgnoredPaths(store, ignored);
          boolean profile =
              hashes.containsKey(ConfigHashes.PROFILES + ":" + input.blue().profile());
          return new ConfigBaselineResult(profile, hashes.size() - (profile ? 1 : 0));
        });
  }

  @Override
  public LiveChangesResult catchUpBlue(LiveChangesInput input) {
    return boundary.run("CatchUpBlue", () -> new LiveCatchUp(connections, durability).run(input));
  }

  @Override
  public DropBaselineResult dropBaseline(DropBaselineInput input) {
    return boundary.run(
        "DropBaseline",
        () ->
            new DropBaselineResult(
                BaselineStore.of(connections, durability, input.green(), input.deployment())
                    .drop()));
  }

  @Override
  public SyncResult syncCollections(SyncInput input) {
    return boundary.run(
        "SyncCollections", () -> new ThreeWayPass(connections, durability, input).run());
  }

  private MongoDatabase blueDb(PlatformSpec spec) {
    return durability.reading(spec.mongo(), spec.database());
  }

  private MongoDatabase greenDb(PlatformSpec spec) {
    return durability.writing(spec.mongo(), spec.database());
  }

  private static MongoCollection<RawBsonDocument> raw(MongoDatabase db, String name) {
    return db.getCollection(name, RawBsonDocument.class);
  }
}
