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
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** Both sides' rounds, and the ranges the split found. */
  record Result(Rounds raw, Rounds ranged, int ranges) {
    void printRatio(PrintStream out) {
      Rounds.printRatio(out, "one-collection ranges/raw", ranged, raw, Rate::docsPerSecond);
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

  /**
   * {@code rounds} of each, alternating which side goes first; Green and the raw copy are dropped
   * after each, so the emulator holds Blue and one copy at most.
   */
  Result run(PrintStream out, String collection, int rounds) throws Exception {
    Rounds rawRounds = new Rounds();
    Rounds rangedRounds = new Rounds();
    int ranges = 0;
    for (int round = 0; round < rounds; round++) {
      if (round % 2 == 1) {
        ranges = ranged(collection, rangedRounds);
      }
      rawRounds.add(raw.copy(List.of(collection)));
      mongo.getDatabase(BenchRun.RAW).drop();
      if (round % 2 == 0) {
        ranges = ranged(collection, rangedRounds);
      }
    }
    Rate.print(out, "raw copy, 1 collection, one cursor", rawRounds);
    Rate.print(out, "our copy, 1 collection in " + ranges + " _id ranges", rangedRounds);
    return new Result(rawRounds, rangedRounds, ranges);
  }

  private int ranged(String collection, Rounds rounds) throws Exception {
    int[] ranges = new int[1];
    rounds.add(copyInRanges(collection, ranges));
    mongo.getDatabase(BenchRun.GREEN).drop();
    return ranges[0];
  }

  /**
   * The split, then every range at once, one activity each. The activity environments are made
   * before the clock starts and closed after it stops, as {@link OurEngine} does for its side: they
   * are the bench's, not the copy's (five of them made and closed inside the measured time were
   * counted against the ranges).
   *
   * @param ranges set to the number of ranges the split found
   */
  private Rate copyInRanges(String collection, int[] ranges) throws Exception {
    List<TestActivityEnvironment> envs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(RANGES);
    try {
      CollectionCopyActivities split = stub(envs);
      List<CollectionCopyActivities> copies = new ArrayList<>();
      for (int i = 0; i < RANGES; i++) {
        copies.add(stub(envs));
      }
      long start = System.nanoTime();
      RangeSplit plan =
          split.splitCollection(
              new RangeSplitInput(
                  spec(BenchRun.BLUE, 0), spec(BenchRun.GREEN, 1), collection, RANGES));
      List<Future<CopyResult>> results = new ArrayList<>();
      for (int i = 0; i < plan.ranges().size(); i++) {
        CollectionCopyActivities s = copies.get(i);
        IdRange range = plan.ranges().get(i);
        results.add(
            pool.submit(
                () ->
                    s.copyCollection(
                        new CopyInput(
                            spec(BenchRun.BLUE, 0),
                            spec(BenchRun.GREEN, 1),
                            collection,
                            BenchRun.BATCH,
                            0,
                            range))));
      }
      long docs = 0;
      long bytes = 0;
      for (Future<CopyResult> f : results) {
        docs += f.get().documents();
        bytes += f.get().bytes();
      }
      Rate rate = Rate.since(start, docs, bytes);
      ranges[0] = plan.ranges().size();
      return rate;
    } finally {
      pool.shutdown();
      envs.forEach(TestActivityEnvironment::close);
    }
  }

  private CollectionCopyActivities stub(List<TestActivityEnvironment> envs) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    envs.add(env);
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    return env.newActivityStub(
        CollectionCopyActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofHours(2))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private static PlatformSpec spec(String db, int redisDb) {
    return new PlatformSpec("bench", db, "bench", redisDb, db);
  }
}
