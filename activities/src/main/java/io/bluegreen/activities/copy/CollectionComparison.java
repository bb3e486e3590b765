package io.bluegreen.activities.copy;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.bson.RawBsonDocument;

/**
 * Compares one collection of Blue and Green, both read in {@code _id} order: counts, digests and a
 * capped sample of the {@code _id}s that differ. Reads only.
 */
final class CollectionComparison {
  private CollectionComparison() {}

  /**
   * A comparison's result, with Blue's bytes for the metrics (the result record has no field for
   * them).
   */
  record Compared(VerifyResult result, long blueBytes) {}

  static Compared compare(Connections connections, VerifyInput input, LongConsumer progress) {
    int maxListed = Math.max(0, input.maxListed());
    long[] counts = new long[3];
    List<String> sample = new ArrayList<>();
    int cursorBatch = CursorBatch.of(connections.database(input.blue()), input.collection());
    boolean collated =
        IdOrder.collated(
            CollectionOptions.read(connections.database(input.blue()), input.collection()));
    CollectionDiff.Totals totals =
        CollectionDiff.run(
            cursorBatch,
            collated,
            input.range(),
            connections.collection(input.blue(), input.collection()),
            connections.collection(input.green(), input.collection()),
            new CollectionDiff.Listener() {
              @Override
              public void missing(RawBsonDocument blue) {
                counts[0]++;
                note(blue);
              }

              @Override
              public void extra(RawBsonDocument green) {
                counts[1]++;
                note(green);
              }

              @Override
              public void changed(RawBsonDocument blue, RawBsonDocument green) {
                counts[2]++;
                note(blue);
              }

              private void note(RawBsonDocument doc) {
                if (sample.size() < maxListed) {
                  sample.add(BsonIds.toJson(CollectionDiff.id(doc)));
                }
              }

              @Override
              public void progress(long blueSeen, long greenSeen) {
                progress.accept(blueSeen);
              }
            });
    boolean match = counts[0] == 0 && counts[1] == 0 && counts[2] == 0;
    return new Compared(
        new VerifyResult(
            input.collection(),
            totals.blueDocuments(),
            totals.greenDocuments(),
            totals.blueDigest(),
            totals.greenDigest(),
            counts[0],
            counts[1],
            counts[2],
            sample,
            match,
            input.range()),
        totals.blueBytes());
  }
}
