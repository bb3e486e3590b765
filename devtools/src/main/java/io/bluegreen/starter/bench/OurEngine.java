package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.RawBsonDocument;

/**
 * Ours: the real copy and verify activities, Blue to Green, through Temporal's activity test
 * environment.
 */
final class OurEngine {
  private final MongoClient mongo;
  private final Connections connections;

  OurEngine(MongoClient mongo, Connections connections) {
    this.mongo = mongo;
    this.connections = connections;
  }

  private CollectionCopyActivities stub(TestActivityEnvironment env) {
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    return env.newActivityStub(
        CollectionCopyActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofHours(2))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  static PlatformSpec spec(String db, int redisDb) {
    return new PlatformSpec("bench", db, "bench", redisDb, db);
  }

  /** All given collections at once, one activity each, as ParallelCollections runs them. */
  Rate copy(List<String> names) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    List<TestActivityEnvironment> envs = new ArrayList<>();
    try {
      List<CollectionCopyActivities> stubs = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        TestActivityEnvironment env = TestActivityEnvironment.newInstance();
        envs.add(env);
        stubs.add(stub(env));
      }
      long start = System.nanoTime();
      List<Future<CopyResult>> results = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        CollectionCopyActivities s = stubs.get(i);
        String name = names.get(i);
        results.add(
            pool.submit(
                () ->
                    s.copyCollection(
                        new CopyInput(
                            spec(BenchRun.BLUE, 0),
                            spec(BenchRun.GREEN, 1),
                            name,
                            BenchRun.BATCH))));
      }
      long docs = 0;
      long bytes = 0;
      for (Future<CopyResult> f : results) {
        docs += f.get().documents();
        bytes += f.get().bytes();
      }
      return Rate.since(start, docs, bytes);
    } finally {
      pool.shutdown();
      envs.forEach(TestActivityEnvironment::close);
    }
  }

  Rate verify(String name) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      CollectionCopyActivities s = stub(env);
      long start = System.nanoTime();
      VerifyResult v =
          s.verifyCollection(
              new VerifyInput(spec(BenchRun.BLUE, 0), spec(BenchRun.GREEN, 1), name, 10));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!v.match()) {
        throw new IllegalStateException("verification found differences after the copy: " + v);
      }
      // The bytes are counted after the clock stopped: reading Blue once more is not the
      // verification's time.
      return new Rate(v.blueDocuments() + v.greenDocuments(), 2 * blueBytes(name), seconds);
    } finally {
      env.close();
    }
  }

  long blueBytes(String name) {
    long bytes = 0;
    for (RawBsonDocument d :
        mongo
            .getDatabase(BenchRun.BLUE)
            .getCollection(name, RawBsonDocument.class)
            .find()
            .batchSize(BenchRun.BATCH)) {
      bytes += d.getByteBuffer().remaining();
    }
    return bytes;
  }
}
