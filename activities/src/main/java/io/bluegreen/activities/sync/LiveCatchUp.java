package io.bluegreen.activities.sync;

import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.activities.copy.CollectionOptions;
import io.bluegreen.activities.copy.CollectionPlanner;
import io.bluegreen.activities.copy.CursorBatch;
import io.bluegreen.activities.copy.GreenWrites;
import io.bluegreen.activities.support.KeepAlive;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.model.BlueChangesMode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.RawBsonDocument;

/**
 * {@code CatchUpBlue}: while LIVE, every collection of the deployment compared with the final
 * pass's baseline ({@link BlueChangesCatchUp}), one after the other, heartbeating the documents
 * looked at (which also delivers a rollback's cancellation). Blue is only read. A collection Blue
 * created or dropped after the final pass, or one Green no longer has, is named, never carried:
 * creating or dropping a collection under a live Green is for the operator to decide.
 */
final class LiveCatchUp {
  private final Connections connections;
  private final Durability durability;

  LiveCatchUp(Connections connections, Durability durability) {
    this.connections = connections;
    this.durability = durability;
  }

  LiveChangesResult run(LiveChangesInput input) {
    BlueChangesMode mode =
        BlueChangesMode.parse(input.mode())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "unknown live.blueChanges mode '" + input.mode() + "': use carry or report",
                        FailureTypes.INVALID_INPUT));
    boolean carry = mode == BlueChangesMode.CARRY;
    BaselineStore store =
        BaselineStore.of(connections, durability, input.blue(), input.green(), input.deployment());
    MongoDatabase blue = durability.reading(input.blue().mongo(), input.blue().database());
    MongoDatabase green = durability.writing(input.green().mongo(), input.green().database());

    TreeSet<String> blueNames = new TreeSet<>();
    blue.listCollectionNames().into(blueNames);
    TreeSet<String> names = new TreeSet<>(store.baselinedCollections());
    if (input.collections() != null) {
      names.addAll(input.collections());
    }
    List<LiveCollectionResult> out = new ArrayList<>();
    for (String created : CollectionPlanner.select(blueNames, input.selection())) {
      if (!names.contains(created)
          && CollectionKind.read(blue, created).type() == CollectionKind.Type.COLLECTION) {
        out.add(
            noted(
                created,
                "created on Blue after the final pass: not carried while LIVE (create it on Green by hand if it should follow)"));
      }
    }
    AtomicLong total = new AtomicLong();
    int max = Math.max(1, input.maxPerCollection());
    int listed = Math.max(0, input.maxListed());
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    ListedChanges.Pass pass =
        new ListedChanges.Pass(
            info.getWorkflowRunId() + "/" + info.getActivityId(), info.getAttempt() > 1);
    try (KeepAlive alive = new KeepAlive(Activity.getExecutionContext(), 0L)) {
      for (String name : names) {
        LiveCollectionResult r;
        if (!store.recordedFromCollection(name)) {
          continue; // a view, or nothing recorded: nothing of Blue's to compare
        } else if (!blueNames.contains(name)) {
          r = noted(name, "dropped on Blue after the final pass: Green's copy is kept while LIVE");
        } else if (CollectionKind.read(green, name).type() != CollectionKind.Type.COLLECTION) {
          r =
              noted(
                  name,
                  "not a collection on Green any more (dropped or renamed by its release): Blue's changes are not carried");
        } else {
          long before = total.get();
          GreenWrites writer =
              carry
                  ? GreenWrites.of(
                      connections.mongo(input.green().mongo()),
                      green,
                      connections.stateDatabase(),
                      name,
                      CollectionOptions.hasValidator(CollectionOptions.read(blue, name)))
                  : null;
          r =
              new BlueChangesCatchUp(
                      name,
                      blue.getCollection(name, RawBsonDocument.class),
                      green.getCollection(name, RawBsonDocument.class),
                      writer,
                      store,
                      max,
                      listed,
                      CursorBatch.of(blue, name),
                      n -> {
                        total.set(before + n);
                        alive.progress(before + n);
                      },
                      pass)
                  .run();
        }
        if (r.anything()) {
          out.add(r);
        }
      }
    }
    return new LiveChangesResult(mode.wire(), out);
  }

  private static LiveCollectionResult noted(String name, String note) {
    return new LiveCollectionResult(name, 0, 0, 0, 0, 0, 0, List.of(), note);
  }
}
