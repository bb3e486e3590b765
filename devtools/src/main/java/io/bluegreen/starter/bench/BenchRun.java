package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.devstack.DevPorts;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.VerifyInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.RawBsonDocument;

/**
 * The body of {@code ./bluegreen bench}, run in a JVM whose -Xmx is a worker's. Every figure comes
 * from one run against one MongoDB-wire server process: the raw driver loop first, ours second,
 * on the same data, after a warm-up of both so that neither pays for the JIT.
 *
 * <p>Usage: {@code BenchRun DOCUMENTS LARGE COLLECTIONS HEAP HOME}.
 */
public final class BenchRun {
  static final int BATCH = 1000;
  static final String BLUE = "bench_blue";
  static final String GREEN = "bench_green";
  static final String RAW = "bench_raw";
  static final int ROUNDS = 2;
  /** Documents Blue changes before the cutover window is measured. */
  static final int CHANGED_ON_BLUE = 100;

  private final int documents;
  private final int large;
  private final int collections;
  private final String heap;
  /** Only ours, once each, for the peak heap at sizes where the raw loops would take hours. */
  private final boolean heapOnly;
  /** Documents of about 110 bytes instead of 1 KB (see {@link BenchData#seed}). */
  private final boolean small;
  private MongoClient mongo;
  private RawDriverLoop raw;
  private Connections connections;
  private final HeapSampler heapSampler = new HeapSampler();
  private String server;

  private BenchRun(int documents, int large, int collections, String heap, boolean heapOnly, boolean small) {
    this.heapOnly = heapOnly;
    this.small = small;
    this.documents = documents;
    this.large = large;
    this.collections = collections;
    this.heap = heap;
  }

  public static void main(String[] args) throws Exception {
    boolean heapOnly = args.length > 6 && args[6].equals("heap-only");
    boolean small = args.length > 8 && args[8].equals("small");
    BenchRun run = new BenchRun(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], heapOnly, small);
    Path home = Path.of(args[4]);
    Path state = Files.createTempDirectory("bluegreen-bench-");
    // The emulator keeps every document as Java objects: its heap grows with --documents.
    String mongoHeap = args.length > 5 ? args[5] : "6g";
    MongoBackend backend = args.length > 7 ? MongoBackend.parse(args[7]) : MongoBackend.EMULATOR;
    DevStack stack = DevStack.at(home, state, DevPorts.free(), backend).withMongoHeap(mongoHeap).output(line -> {});
    run.server = backend == MongoBackend.FERRETDB
        ? "FerretDB 1.24.2 on SQLite (disk-backed, own process)"
        : "MongoDB-wire emulator (mongo-java-server, in memory, own process)";
    int code = 1;
    try {
      stack.startMongo();
      stack.startRedis();
      code = run.run(stack);
    } catch (Throwable e) {
      e.printStackTrace();
    } finally {
      // Stops the servers and deletes their data (FerretDB's SQLite files reach gigabytes).
      stack.reset();
      System.exit(code);
    }
  }

  private int run(DevStack stack) throws Exception {
    System.out.printf(Locale.ROOT, "bench: %,d documents of ~%s, %d of 1 MB, a deployment of %d collections; "
        + "%s; this JVM -Xmx%s, %d cores%n",
        documents, small ? "110 bytes" : "1 KB", large, collections, server, heap, Runtime.getRuntime().availableProcessors());
    mongo = MongoClients.create(stack.mongoUri());
    raw = new RawDriverLoop(mongo);
    connections = new Connections(Map.of("bench", stack.mongoUri()), Map.of("bench", stack.redisUri()));
    try {
      MongoDatabase blue = mongo.getDatabase(BLUE);

      // Warm-up: the JIT compiles both paths before anything is timed.
      BenchData.seed(blue.getCollection("warmup"), Math.min(20_000, documents), 7, small);
      raw.copy(List.of("warmup"));
      drop(RAW);
      ourCopy(List.of("warmup"));
      ourVerify("warmup");
      drop(GREEN);
      blue.getCollection("warmup").drop();
      System.gc();
      heapSampler.start();

      // One collection.
      BenchData.seed(blue.getCollection("single"), documents, 1, small);
      long avg = blueBytes("single") / documents;
      System.out.printf(Locale.ROOT, "seeded %,d documents, %,d bytes each on average%n", documents, avg);
      if (heapOnly) {
        return heapOnly();
      }
      // Best of ROUNDS, raw and ours alternating: the machine is shared, and one slow moment of
      // another process must not decide a ratio.
      Rate raw1 = null;
      Rate ours1 = null;
      for (int round = 0; round < ROUNDS; round++) {
        raw1 = Rate.best(raw1, raw.copy(List.of("single")));
        drop(RAW);
        if (round > 0) {
          drop(GREEN);
        }
        ours1 = Rate.best(ours1, ourCopy(List.of("single")));
      }
      Rate.print("raw copy, 1 collection (find in _id order, insertMany)", raw1);
      Rate.print("our copy, 1 collection", ours1);
      Rate rawRead = null;
      Rate verify = null;
      for (int round = 0; round < ROUNDS; round++) {
        rawRead = Rate.best(rawRead, raw.read("single"));
        verify = Rate.best(verify, ourVerify("single"));
      }
      Rate.print("raw read of Blue then Green, in _id order", rawRead);
      Rate.print("our verification (Blue and Green)", verify);
      CutoverWindowBench.Window window =
          new CutoverWindowBench(mongo, connections, "single", documents, 1, CHANGED_ON_BLUE).run(ROUNDS);
      Rate.printSeconds("baseline recorded (reads Blue and Green)", window.baseline());
      Rate.printSeconds("full three-way pass (Blue, Green, baseline), " + CHANGED_ON_BLUE + " changed", window.fullPass());
      Rate.printSeconds("final pass (Blue, baseline, Green by _id), " + CHANGED_ON_BLUE + " changed", window.finalPass());
      Rate.printSeconds("full verification of the same data (Blue and Green)", window.verify());
      drop(GREEN);
      // The same collection in _id ranges against the raw single cursor (issue 20).
      RangedCopyBench.Result ranged = new RangedCopyBench(mongo, connections, raw).run("single", ROUNDS);
      blue.getCollection("single").drop();

      // Four equal collections: our copy runs them in parallel; the raw loop is one stream over the same total.
      List<String> four = List.of("part0", "part1", "part2", "part3");
      for (int i = 0; i < four.size(); i++) {
        BenchData.seed(blue.getCollection(four.get(i)), documents / 4, 10 + i, small);
      }
      Rate raw4 = null;
      Rate ours4 = null;
      for (int round = 0; round < ROUNDS; round++) {
        raw4 = Rate.best(raw4, raw.copy(four));
        drop(RAW);
        ours4 = Rate.best(ours4, ourCopy(four));
        drop(GREEN);
      }
      Rate.print("raw copy, 4 collections one after another", raw4);
      Rate.print("our copy, 4 collections in parallel", ours4);
      for (String c : four) {
        blue.getCollection(c).drop();
      }

      Rate rawLarge = null;
      Rate oursLarge = null;
      if (large > 0) {
        BenchData.seedLarge(blue.getCollection("large"), large);
        rawLarge = raw.copy(List.of("large"));
        Rate.print("raw copy, 1 MB documents", rawLarge);
        drop(RAW);
        oursLarge = ourCopy(List.of("large"));
        Rate.print("our copy, 1 MB documents", oursLarge);
        drop(GREEN);
        blue.getCollection("large").drop();
      }
      heapSampler.stop();

      System.out.printf(Locale.ROOT, "ratio copy/raw (1 collection): %.2f%n", ours1.docsPerSecond() / raw1.docsPerSecond());
      System.out.printf(Locale.ROOT, "ratio copy/raw (4 collections): %.2f%n", ours4.docsPerSecond() / raw4.docsPerSecond());
      System.out.printf(Locale.ROOT, "ratio verify/raw-read: %.2f%n", verify.docsPerSecond() / rawRead.docsPerSecond());
      System.out.printf(Locale.ROOT, "cutover window (Blue's startJobs off, drain excluded): %.2f s for %,d documents with %d changed on Blue%n",
          window.finalPass().seconds(), documents, CHANGED_ON_BLUE);
      System.out.printf(Locale.ROOT, "ratio cutover-window/verify: %.2f%n", window.finalPass().seconds() / window.verify().seconds());
      ranged.printRatio();
      if (rawLarge != null) {
        System.out.printf(Locale.ROOT, "ratio copy/raw (1 MB documents): %.2f%n", oursLarge.mbPerSecond() / rawLarge.mbPerSecond());
      }
      printPeakHeap();

      new DeploymentBench(mongo, connections, collections).run(stack);
      return 0;
    } finally {
      mongo.close();
      connections.close();
    }
  }

  /**
   * Our copy, verification and the cutover window's passes once each over {@code single}, then
   * the peak heap: what a worker holds for a collection of this size, without the raw loops.
   */
  private int heapOnly() throws Exception {
    Rate.print("our copy, 1 collection", ourCopy(List.of("single")));
    Rate.print("our verification (Blue and Green)", ourVerify("single"));
    CutoverWindowBench.Window window =
        new CutoverWindowBench(mongo, connections, "single", documents, 1, CHANGED_ON_BLUE).run(1);
    Rate.printSeconds("baseline recorded (reads Blue and Green)", window.baseline());
    Rate.printSeconds("full three-way pass (Blue, Green, baseline), " + CHANGED_ON_BLUE + " changed", window.fullPass());
    Rate.printSeconds("final pass (Blue, baseline, Green by _id), " + CHANGED_ON_BLUE + " changed", window.finalPass());
    Rate.printSeconds("full verification of the same data (Blue and Green)", window.verify());
    heapSampler.stop();
    printPeakHeap();
    return 0;
  }

  private void printPeakHeap() {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    System.out.printf(Locale.ROOT, "worker peak heap: %d MB of -Xmx%s (heap in use, sampled every 5 ms while measuring); GC: %d collections, %d ms%n",
        heapSampler.peak() / (1024 * 1024), heap, gcCount, gcMillis);
  }

  // ---- ours: the real activities through Temporal's activity test environment -----------------

  private CollectionCopyActivities stub(TestActivityEnvironment env) {
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

  /** All given collections at once, one activity each, as ParallelCollections runs them. */
  private Rate ourCopy(List<String> names) throws Exception {
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
      List<Future<io.bluegreen.workflows.activities.CopyResult>> results = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        CollectionCopyActivities s = stubs.get(i);
        String name = names.get(i);
        results.add(pool.submit(() -> s.copyCollection(new CopyInput(spec(BLUE, 0), spec(GREEN, 1), name, BATCH))));
      }
      long docs = 0;
      long bytes = 0;
      for (var f : results) {
        docs += f.get().documents();
        bytes += f.get().bytes();
      }
      return Rate.since(start, docs, bytes);
    } finally {
      pool.shutdown();
      envs.forEach(TestActivityEnvironment::close);
    }
  }

  private Rate ourVerify(String name) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      CollectionCopyActivities s = stub(env);
      long start = System.nanoTime();
      VerifyResult v = s.verifyCollection(new VerifyInput(spec(BLUE, 0), spec(GREEN, 1), name, 10));
      if (!v.match()) {
        throw new IllegalStateException("verification found differences after the copy: " + v);
      }
      long bytes = 2 * blueBytes(name);
      return Rate.since(start, v.blueDocuments() + v.greenDocuments(), bytes);
    } finally {
      env.close();
    }
  }

  private long blueBytes(String name) {
    long bytes = 0;
    for (RawBsonDocument d : mongo.getDatabase(BLUE).getCollection(name, RawBsonDocument.class).find().batchSize(BATCH)) {
      bytes += d.getByteBuffer().remaining();
    }
    return bytes;
  }

  private void drop(String db) {
    mongo.getDatabase(db).drop();
  }
}
