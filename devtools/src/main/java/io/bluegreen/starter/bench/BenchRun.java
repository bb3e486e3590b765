package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.devstack.DevPorts;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code ./bluegreen bench}, run in a JVM whose -Xmx is a worker's. Every figure comes
 * from one run against one MongoDB-wire server process, on the same data, after a warm-up of both
 * sides so that neither pays for the JIT. The two sides of every ratio run in alternating rounds
 * (raw first, then ours first, ...), and each copy is dropped as soon as it is measured, so the
 * emulator holds Blue and one copy at most (see {@link EmulatorBudget}).
 *
 * <p>Usage: {@code BenchRun DOCUMENTS LARGE COLLECTIONS HEAP HOME MONGO_HEAP all|heap-only
 * emulator|ferretdb 1k|small}.
 */
public final class BenchRun {
  static final int BATCH = 1000;
  static final String BLUE = "bench_blue";
  static final String GREEN = "bench_green";
  static final String RAW = "bench_raw";
  static final int ROUNDS = 3;

  /** Documents Blue changes before the cutover window is measured. */
  static final int CHANGED_ON_BLUE = 100;

  /** What {@code ./bluegreen bench} asked for. */
  public record Settings(
      int documents,
      int large,
      int collections,
      String heap,
      Path home,
      String mongoHeap,
      boolean heapOnly,
      MongoBackend backend,
      boolean small) {
    static Settings parse(String[] args) {
      return new Settings(
          Integer.parseInt(args[0]),
          Integer.parseInt(args[1]),
          Integer.parseInt(args[2]),
          args[3],
          Path.of(args[4]),
          args.length > 5 ? args[5] : "6g",
          args.length > 6 && args[6].equals("heap-only"),
          args.length > 7 ? MongoBackend.parse(args[7]) : MongoBackend.EMULATOR,
          args.length > 8 && args[8].equals("small"));
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private MongoClient mongo;
  private RawDriverLoop raw;
  private OurEngine ours;
  private Connections connections;
  private final HeapSampler heapSampler = new HeapSampler();
  private String server;

  private BenchRun(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(measure(Settings.parse(args), System.out));
  }

  /**
   * Starts a MongoDB-wire server and Redis of its own, runs the bench, stops them; the exit code.
   */
  public static int measure(Settings settings, PrintStream out) {
    BenchRun run = new BenchRun(settings, out);
    int code = 1;
    DevStack stack = null;
    try {
      Path state = Files.createTempDirectory("bluegreen-bench-");
      stack =
          DevStack.at(settings.home(), state, DevPorts.free(), settings.backend())
              .withMongoHeap(settings.mongoHeap())
              .output(line -> {});
      run.server =
          settings.backend() == MongoBackend.FERRETDB
              ? "FerretDB 1.24.2 on SQLite (disk-backed, own process)"
              : "MongoDB-wire emulator (mongo-java-server, in memory, own process, -Xmx"
                  + settings.mongoHeap()
                  + ")";
      stack.startMongo();
      stack.startRedis();
      code = run.run(stack);
    } catch (Throwable e) {
      e.printStackTrace();
    } finally {
      if (stack != null) {
        // Stops the servers and deletes their data (FerretDB's SQLite files reach gigabytes).
        stack.reset();
      }
    }
    return code;
  }

  private int run(DevStack stack) throws Exception {
    int documents = settings.documents();
    out.printf(
        Locale.ROOT,
        "bench: %,d documents of ~%s, %d of 1 MB, a deployment of %d collections; "
            + "%s; this JVM -Xmx%s, %d cores%n",
        documents,
        settings.small() ? "110 bytes" : "1 KB",
        settings.large(),
        settings.collections(),
        server,
        settings.heap(),
        Runtime.getRuntime().availableProcessors());
    mongo = MongoClients.create(stack.mongoUri());
    raw = new RawDriverLoop(mongo);
    connections =
        new Connections(Map.of("bench", stack.mongoUri()), Map.of("bench", stack.redisUri()));
    ours = new OurEngine(mongo, connections);
    try {
      MongoDatabase blue = mongo.getDatabase(BLUE);

      // Warm-up: the JIT compiles both paths before anything is timed.
      BenchData.seed(
          blue.getCollection("warmup"), Math.min(20_000, documents), 7, settings.small());
      raw.copy(List.of("warmup"));
      drop(RAW);
      ours.copy(List.of("warmup"));
      ours.verify("warmup");
      drop(GREEN);
      blue.getCollection("warmup").drop();
      System.gc();
      heapSampler.start();

      // One collection.
      BenchData.seed(blue.getCollection("single"), documents, 1, settings.small());
      out.printf(
          Locale.ROOT,
          "seeded %,d documents, %,d bytes each on average%n",
          documents,
          ours.blueBytes("single") / documents);
      if (settings.heapOnly()) {
        return heapOnly();
      }
      List<String> single = List.of("single");
      // Green of the last round stays: the verification and the cutover window run on it.
      Rounds raw1 = new Rounds();
      Rounds ours1 = new Rounds();
      Rounds.alternate(
          () -> measureRaw(raw1, single),
          () -> measureOurs(ours1, single, false),
          () -> measureOurs(ours1, single, true));
      Rate.print(out, "raw copy, 1 collection (find in _id order, insertMany)", raw1);
      Rate.print(out, "our copy, 1 collection", ours1);
      Rounds rawRead = new Rounds();
      Rounds verify = new Rounds();
      Rounds.alternate(
          () -> rawRead.add(raw.read("single")),
          () -> verify.add(ours.verify("single")),
          () -> verify.add(ours.verify("single")));
      Rate.print(out, "raw read of Blue then Green, in _id order", rawRead);
      Rate.print(out, "our verification (Blue and Green)", verify);
      CutoverWindowBench.Window window =
          new CutoverWindowBench(mongo, connections, "single", documents, 1, CHANGED_ON_BLUE)
              .run(ROUNDS);
      window.print(out, CHANGED_ON_BLUE);
      drop(GREEN);
      // The same collection in _id ranges against the raw single cursor (issue 20).
      RangedCopyBench.Result ranged =
          new RangedCopyBench(mongo, connections, raw).run(out, "single", ROUNDS);
      blue.getCollection("single").drop();

      // Four equal collections: our copy runs them in parallel; the raw loop is one stream over the
      // same total.
      List<String> four = List.of("part0", "part1", "part2", "part3");
      for (int i = 0; i < four.size(); i++) {
        BenchData.seed(blue.getCollection(four.get(i)), documents / 4, 10 + i, settings.small());
      }
      Rounds raw4 = new Rounds();
      Rounds ours4 = new Rounds();
      Rounds.alternate(
          () -> measureRaw(raw4, four),
          () -> measureOurs(ours4, four, false),
          () -> measureOurs(ours4, four, false));
      Rate.print(out, "raw copy, 4 collections one after another", raw4);
      Rate.print(out, "our copy, 4 collections in parallel", ours4);
      four.forEach(c -> blue.getCollection(c).drop());

      Rounds rawLarge = new Rounds();
      Rounds oursLarge = new Rounds();
      if (settings.large() > 0) {
        BenchData.seedLarge(blue.getCollection("large"), settings.large());
        List<String> large = List.of("large");
        Rounds.alternate(
            () -> measureRaw(rawLarge, large),
            () -> measureOurs(oursLarge, large, false),
            () -> measureOurs(oursLarge, large, false));
        Rate.print(out, "raw copy, 1 MB documents", rawLarge);
        Rate.print(out, "our copy, 1 MB documents", oursLarge);
        blue.getCollection("large").drop();
      }
      heapSampler.stop();

      Rounds.printRatio(out, "copy/raw (1 collection)", ours1, raw1, Rate::docsPerSecond);
      Rounds.printRatio(out, "copy/raw (4 collections)", ours4, raw4, Rate::docsPerSecond);
      Rounds.printRatio(out, "verify/raw-read", verify, rawRead, Rate::docsPerSecond);
      out.printf(
          Locale.ROOT,
          "cutover window (Blue's startJobs off, drain excluded): %.2f s for %,d documents with %d changed on Blue%n",
          window.finalPass().median().seconds(),
          documents,
          CHANGED_ON_BLUE);
      Rounds.printRatio(
          out, "cutover-window/verify", window.finalPass(), window.verify(), Rate::seconds);
      ranged.printRatio(out);
      if (settings.large() > 0) {
        Rounds.printRatio(out, "copy/raw (1 MB documents)", oursLarge, rawLarge, Rate::mbPerSecond);
      }
      heapSampler.print(out, settings.heap());

      new DeploymentBench(mongo, connections, settings.collections(), out).run(stack);
      new NewJobPauseBench(mongo, connections, out).run(stack);
      return 0;
    } finally {
      mongo.close();
      connections.close();
    }
  }

  /** The raw loop's copy, dropped as soon as it is measured. */
  private void measureRaw(Rounds rounds, List<String> names) {
    rounds.add(raw.copy(names));
    drop(RAW);
  }

  /** Our copy into an empty Green, dropped as soon as it is measured unless {@code keepGreen}. */
  private void measureOurs(Rounds rounds, List<String> names, boolean keepGreen) throws Exception {
    drop(GREEN);
    rounds.add(ours.copy(names));
    if (!keepGreen) {
      drop(GREEN);
    }
  }

  /**
   * Our copy, verification and the cutover window's passes once each over {@code single}, then the
   * peak heap: what a worker holds for a collection of this size, without the raw loops.
   */
  private int heapOnly() throws Exception {
    Rate.print(out, "our copy, 1 collection", Rounds.of(ours.copy(List.of("single"))));
    Rate.print(out, "our verification (Blue and Green)", Rounds.of(ours.verify("single")));
    new CutoverWindowBench(mongo, connections, "single", settings.documents(), 1, CHANGED_ON_BLUE)
        .run(1)
        .print(out, CHANGED_ON_BLUE);
    heapSampler.stop();
    heapSampler.print(out, settings.heap());
    return 0;
  }

  private void drop(String db) {
    mongo.getDatabase(db).drop();
  }
}
