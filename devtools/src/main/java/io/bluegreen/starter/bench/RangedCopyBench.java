package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.RangeSplit;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One collection copied in {@value #RANGES} {@code _id} ranges, as the workflow runs a collection
 * above {@code copy.rangeThreshold} (SplitCollection, then one copy activity per range, all at
 * once), against the raw single-cursor loop over the same collection, alternating, in the same run.
 * The split is part of the measured time.
 */
final class RangedCopyBench {
  static final int RANGES = 4;

  /** Both sides' best round, and the ranges the split found. */
  record Result(Rate raw, Rate ranged, int ranges) {
    double ratio() {
      return ranged.docsPerSecond() / raw.docsPerSecond();
    }

    void printRatio() {
      System.out.printf(Locale.ROOT, "ratio one-collection ranges/raw: %.2f%n", ratio());
    }
  }

  private final MongoClient mongo;
  private final Connections connections;
  private final RawDriverLoop raw;

  RangedCopyBench(MongoClient mongo, Connections connections, RawDriverLoop raw) {
    this.mongo = mongo;
    this.connections = connections;
    this.raw = raw;
  }

  /** {@code rounds} of each, alternating; Green and the raw copy are dropped after each. */
  Result run(String collection, int rounds) throws Exception {
    Rate rawBest = null;
    Rate rangedBest = null;
    int ranges = 0;
    for (int round = 0; round < rounds; round++) {
      rawBest = Rate.best(rawBest, raw.copy(List.of(collection)));
      mongo.getDatabase(BenchRun.RAW).drop();
      long start = System.nanoTime();
      long[] copied = copyInRanges(collection);
      rangedBest = Rate.best(rangedBest, Rate.since(start, copied[0], copied[1]));
      ranges = (int) copied[2];
      mongo.getDatabase(BenchRun.GREEN).drop();
    }
    Rate.print("raw copy, 1 collection, one cursor", rawBest);
    Rate.print("our copy, 1 collection in " + ranges + " _id ranges", rangedBest);
    return new Result(rawBest, rangedBest, ranges);
  }

  /** {documents, bytes, ranges}: the split, then every range at once, one activity each. */
  private long[] copyInRanges(String collection) throws Exception {
    List<TestActivityEnvironment> envs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(RANGES);
    try {
      CollectionCopyActivities split = stub(envs);
      RangeSplit plan = split.splitCollection(new RangeSplitInput(spec(BenchRun.BLUE, 0), spec(BenchRun.GREEN, 1), collection, RANGES));
      List<Future<CopyResult>> results = new ArrayList<>();
      for (IdRange range : plan.ranges()) {
        CollectionCopyActivities s = stub(envs);
        results.add(pool.submit(() -> s.copyCollection(
            new CopyInput(spec(BenchRun.BLUE, 0), spec(BenchRun.GREEN, 1), collection, BenchRun.BATCH, 0, range))));
      }
      long docs = 0;
      long bytes = 0;
      for (Future<CopyResult> f : results) {
        docs += f.get().documents();
        bytes += f.get().bytes();
      }
      return new long[] {docs, bytes, plan.ranges().size()};
    } finally {
      pool.shutdown();
      envs.forEach(TestActivityEnvironment::close);
    }
  }

  private CollectionCopyActivities stub(List<TestActivityEnvironment> envs) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    envs.add(env);
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    return env.newActivityStub(CollectionCopyActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  private static PlatformSpec spec(String db, int redisDb) {
    return new PlatformSpec("bench", db, "bench", redisDb, db);
  }
}
