package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.activities.sync.SyncActivitiesImpl;
import io.bluegreen.workflows.activities.BaselineInput;
import io.bluegreen.workflows.activities.BaselineResult;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.DropBaselineInput;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncInput;
import io.bluegreen.workflows.activities.SyncPolicy;
import io.bluegreen.workflows.activities.SyncResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The cutover window of an upgrade: with Blue and Green identical and baselined, {@code changed}
 * documents change on Blue (updates, inserts and deletes), then the final three-way pass, the only
 * step while Blue's startJobs is off (the drain wait excluded), carries them. Measured beside a
 * full verification of the same data, as the cutover did before three-way sync.
 */
final class CutoverWindowBench {
  /**
   * @param blueRead a read of Blue alone in {@code _id} order, as the final pass reads it, measured
   *     right after each final pass: the part of the window that only reading Blue takes
   */
  record Window(
      Rounds baseline,
      Rounds fullPass,
      Rounds finalPass,
      Rounds verify,
      Rounds blueRead,
      long carried) {
    /**
     * The window's lines: each pass, the verification, and what reading Blue takes of the final
     * pass.
     */
    void print(PrintStream out, int changedOnBlue) {
      Rate.printSeconds(out, "baseline recorded (reads Green)", baseline());
      Rate.printSeconds(
          out,
          "full three-way pass (Blue, Green, baseline), " + changedOnBlue + " changed",
          fullPass());
      Rate.printSeconds(
          out,
          "final pass (Blue, baseline, Green by _id), " + changedOnBlue + " changed",
          finalPass());
      Rate.printSeconds(out, "full verification of the same data (Blue and Green)", verify());
      // What the window costs beyond reading Blue once, which any pass that must see every change
      // pays.
      double pass = finalPass().median().seconds();
      double blueRead = blueRead().median().seconds();
      out.printf(
          Locale.ROOT,
          "final pass, reading Blue: %.2f s of %.2f s (%.0f %%; Blue read alone in _id order after each pass, %s); "
              + "everything else (baseline, Green by _id, writes, the activity): %.2f s (%.0f %%)%n",
          blueRead,
          pass,
          100 * blueRead / pass,
          blueRead().range(),
          pass - blueRead,
          100 * (pass - blueRead) / pass);
    }
  }

  private final MongoClient mongo;
  private final Connections connections;
  private final String collection;
  private final int changed;
  private final int documents;
  private final long salt;
  private final Set<Integer> touched = new HashSet<>();

  /**
   * @param documents and {@code salt}: how {@code collection} was seeded by {@link BenchData#seed}
   */
  CutoverWindowBench(
      MongoClient mongo,
      Connections connections,
      String collection,
      int documents,
      long salt,
      int changed) {
    this.documents = documents;
    this.salt = salt;
    this.mongo = mongo;
    this.connections = connections;
    this.collection = collection;
    this.changed = changed;
  }

  /** Blue and Green hold the same {@code collection} when called; they do again afterwards. */
  Window run(int rounds) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    String deployment = "bench-window";
    PlatformSpec blue = OurEngine.spec(BenchRun.BLUE, 0);
    PlatformSpec green = OurEngine.spec(BenchRun.GREEN, 1);
    try {
      env.registerActivitiesImplementations(
          new SyncActivitiesImpl(connections), new CollectionCopyActivitiesImpl(connections));
      ActivityOptions options =
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofHours(2))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
              .build();
      SyncActivities sync = env.newActivityStub(SyncActivities.class, options);
      CollectionCopyActivities copy = env.newActivityStub(CollectionCopyActivities.class, options);

      long start = System.nanoTime();
      BaselineResult b =
          sync.recordBaseline(new BaselineInput(blue, green, deployment, List.of(collection), 1));
      long docs = b.collections().get(0).recorded();
      Rounds baseline = Rounds.of(Rate.since(start, 2 * docs, 0));

      Rounds fullPass = new Rounds();
      Rounds finalPass = new Rounds();
      Rounds verify = new Rounds();
      Rounds blueRead = new Rounds();
      RawDriverLoop raw = new RawDriverLoop(mongo);
      long carried = 0;
      Random random = new Random(7);
      for (int round = 0; round < rounds; round++) {
        changeBlue(random, round);
        start = System.nanoTime();
        SyncResult full = sync.syncCollections(input(blue, green, deployment, SyncInput.FULL));
        fullPass.add(Rate.since(start, 2 * docs, 0));
        check(full);

        changeBlue(random, round + 100);
        start = System.nanoTime();
        SyncResult fin = sync.syncCollections(input(blue, green, deployment, SyncInput.FINAL));
        finalPass.add(Rate.since(start, docs, 0));
        carried = check(fin);
        blueRead.add(raw.readBlue(collection));

        start = System.nanoTime();
        VerifyResult v = copy.verifyCollection(new VerifyInput(blue, green, collection, 10));
        verify.add(Rate.since(start, v.blueDocuments() + v.greenDocuments(), 0));
        if (!v.match()) {
          throw new IllegalStateException("Green differs from Blue after the final pass: " + v);
        }
      }
      sync.dropBaseline(new DropBaselineInput(green, deployment));
      return new Window(baseline, fullPass, finalPass, verify, blueRead, carried);
    } finally {
      env.close();
    }
  }

  private SyncInput input(PlatformSpec blue, PlatformSpec green, String deployment, String pass) {
    return new SyncInput(
        blue, green, deployment, List.of(collection), null, SyncPolicy.halt(), pass, 10, 1);
  }

  /**
   * The carried count, after checking that every change was carried and nothing was in conflict.
   */
  private long check(SyncResult r) {
    SyncCollectionResult c =
        r.collections().stream()
            .filter(x -> x.collection().equals(collection))
            .findFirst()
            .orElseThrow();
    long carried = c.inserted() + c.updated() + c.deleted();
    if (r.totalConflicts() != 0 || carried != changed) {
      throw new IllegalStateException(
          "expected " + changed + " changes carried and no conflict, got " + r);
    }
    return carried;
  }

  /**
   * {@code changed} changes on Blue: 80 % edits, 10 % inserts, 10 % deletes, each of a document no
   * earlier round touched (found by its seeded {@code _id}, see {@link BenchData#seed}).
   */
  private void changeBlue(Random random, int round) {
    MongoCollection<Document> c = mongo.getDatabase(BenchRun.BLUE).getCollection(collection);
    int inserts = changed / 10;
    int deletes = changed / 10;
    int edits = changed - inserts - deletes;
    List<ObjectId> ids = new ArrayList<>();
    while (ids.size() < edits + deletes) {
      int i = random.nextInt(documents);
      if (touched.add(i)) {
        ids.add(BenchData.id(salt, i));
      }
    }
    for (int i = 0; i < edits; i++) {
      c.updateOne(
          Filters.eq("_id", ids.get(i)),
          Updates.set("description", "edited on Blue, round " + round));
    }
    for (int i = edits; i < ids.size(); i++) {
      c.deleteOne(Filters.eq("_id", ids.get(i)));
    }
    for (int i = 0; i < inserts; i++) {
      c.insertOne(
          new Document("_id", new ObjectId()).append("name", "added on Blue " + round + "-" + i));
    }
  }
}
