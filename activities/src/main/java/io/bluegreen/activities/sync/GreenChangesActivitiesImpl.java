package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CursorBatch;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.workflows.activities.CarriedBack;
import io.bluegreen.workflows.activities.CarryBackInput;
import io.bluegreen.workflows.activities.CarryBackResult;
import io.bluegreen.workflows.activities.GreenChangesActivities;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import io.bluegreen.workflows.activities.GreenDiffInput;
import io.bluegreen.workflows.activities.GreenDiffResult;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.bson.RawBsonDocument;

/**
 * Green against the baseline ({@link GreenDiff}) and the carry-back of Green's changes to Blue
 * ({@link CarryBack}), one collection after another, heartbeating the documents looked at. The
 * baseline is only read: what Green did after the cutover stays what it is, whatever is carried.
 */
public class GreenChangesActivitiesImpl implements GreenChangesActivities {
  private final Connections connections;
  private final ActivityBoundary boundary;
  private final Durability durability;

  public GreenChangesActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
    this.durability = new Durability(connections);
  }

  @Override
  public GreenDiffResult diffGreen(GreenDiffInput input) {
    return boundary.run(
        "DiffGreen",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          MongoDatabase green = durability.reading(input.green().mongo(), input.green().database());
          List<GreenCollectionChanges> out = new ArrayList<>();
          long created = 0;
          long changed = 0;
          long deleted = 0;
          try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L)) {
            long[] before = new long[1];
            for (String name : input.collections()) {
              long base = before[0];
              LongConsumer seen = n -> alive.progress(base + n);
              GreenDiff d =
                  new GreenDiff(
                      name,
                      raw(green, name),
                      store,
                      CursorBatch.of(green, name),
                      Math.max(0, input.maxIds()),
                      seen);
              GreenCollectionChanges c = d.run();
              before[0] += d.seen();
              out.add(c);
              created += c.created();
              changed += c.changed();
              deleted += c.deleted();
            }
            // Collections made on Green after the cutover: named, never left behind unnamed (when
            // the workflow asks: older workflow code expects the deployment's collections only).
            if (!Boolean.TRUE.equals(input.greenOnly())) {
              return new GreenDiffResult(out, created, changed, deleted);
            }
            MongoDatabase blue = durability.reading(input.blue().mongo(), input.blue().database());
            boolean[] known = new boolean[1];
            for (String name :
                GreenOnlyCollections.since(store, blue, green, input.collections(), known)) {
              GreenCollectionChanges c =
                  GreenOnlyCollections.changes(
                      raw(green, name), Math.max(0, input.maxIds()), known[0]);
              out.add(c);
              created += c.created();
            }
          }
          return new GreenDiffResult(out, created, changed, deleted);
        });
  }

  @Override
  public CarryBackResult carryBack(CarryBackInput input) {
    return boundary.run(
        "CarryBack",
        () -> {
          BaselineStore store =
              BaselineStore.of(
                  connections, durability, input.blue(), input.green(), input.deployment());
          // Blue is written here, on the operator's explicit decision only: majority write concern,
          // as every write of Green's.
          MongoDatabase blue = durability.writing(input.blue().mongo(), input.blue().database());
          MongoDatabase green = durability.reading(input.green().mongo(), input.green().database());
          List<CarriedBack> out = new ArrayList<>();
          long inserted = 0;
          long updated = 0;
          long deleted = 0;
          long conflicts = 0;
          try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L)) {
            long[] before = new long[1];
            for (String name : input.collections()) {
              long base = before[0];
              CarryBack c =
                  new CarryBack(
                      name,
                      raw(blue, name),
                      raw(green, name),
                      store,
                      CursorBatch.of(green, name),
                      Math.max(0, input.maxIds()),
                      n -> alive.progress(base + n));
              CarriedBack r = c.run();
              before[0] += c.seen();
              out.add(r);
              inserted += r.inserted();
              updated += r.updated();
              deleted += r.deleted();
              conflicts += r.conflicts();
            }
          }
          return new CarryBackResult(out, inserted, updated, deleted, conflicts);
        });
  }

  private static MongoCollection<RawBsonDocument> raw(MongoDatabase db, String name) {
    return db.getCollection(name, RawBsonDocument.class);
  }
}
