package io.bluegreen.starter.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CopyMetrics;
import io.bluegreen.devstack.DevStack;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.worker.BlueGreenWorker;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.bson.Document;

/**
 * The new-job pause of a cutover: the seconds during which no platform accepts new jobs (from
 * Blue's startJobs off to Green's on), with and without {@code cutover.overlapDrain}, next to the
 * length of Blue's drain (from its startJobs off until its last running job finished). Two whole
 * deployments of the demo platform on Temporal's in-process server, with Blue's running jobs
 * ({@link #RUNNING} more than the demo's) finishing one every {@link #PER_JOB} as a platform's
 * would; the switches are the profiles' fields, sampled every {@link #SAMPLE}.
 */
final class NewJobPauseBench {
  static final Duration PER_JOB = Duration.ofSeconds(2);

  /** Blue's running jobs when the cutover starts, besides the demo's own. */
  static final int RUNNING = 5;

  static final Duration SAMPLE = Duration.ofMillis(20);

  /** One cutover as the samples saw it, in seconds from Blue's startJobs off. */
  record Pause(double pause, double drain) {}

  private final MongoClient mongo;
  private final Connections connections;
  private final PrintStream out;

  NewJobPauseBench(MongoClient mongo, Connections connections, PrintStream out) {
    this.mongo = mongo;
    this.connections = connections;
    this.out = out;
  }

  void run(DevStack stack) throws Exception {
    Pause sequential = cutover(stack, false);
    Pause overlapped = cutover(stack, true);
    out.printf(
        Locale.ROOT,
        "new-job pause: %.1f s without overlap (Blue's drain %.1f s), %.1f s with"
            + " cutover.overlapDrain (Blue's drain %.1f s)%n",
        sequential.pause(),
        sequential.drain(),
        overlapped.pause(),
        overlapped.drain());
  }

  private Pause cutover(DevStack stack, boolean overlap) throws Exception {
    String blueDb = overlap ? "pause_blue_overlap" : "pause_blue";
    String greenDb = overlap ? "pause_green_overlap" : "pause_green";
    URI redis = URI.create(stack.redisUri());
    new DemoPlatform(200, redis.getHost(), redis.getPort()).seed(mongo, blueDb, greenDb);
    for (int i = 0; i < RUNNING; i++) {
      mongo
          .getDatabase(blueDb)
          .getCollection("jobs")
          .insertOne(new Document("_id", "bench-running-" + i).append("status", "running"));
    }
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Sampler sampler = new Sampler(mongo.getDatabase(blueDb), mongo.getDatabase(greenDb));
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(mongo, blueDb, "blue", "startJobs", PER_JOB).start()) {
      BlueGreenWorker.register(
          env.newWorker(TaskQueues.BLUE_GREEN),
          env.newWorker(TaskQueues.cutover(TaskQueues.BLUE_GREEN)),
          connections,
          CopyMetrics.NONE);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      BlueGreenDeploymentWorkflow wf =
          client.newWorkflowStub(
              BlueGreenDeploymentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.BLUE_GREEN)
                  .setWorkflowId("bluegreen-" + blueDb)
                  .build());
      DeploymentRequest request =
          new DeploymentRequest(
              "new-job pause",
              new PlatformSpec("bench", blueDb, "bench", 0, "blue"),
              new PlatformSpec("bench", greenDb, "bench", 1, "green"),
              null,
              new Switches("startJobs", "taskWorker"),
              null,
              null,
              new CutoverOptions(null, null, "PT5M")
                  .withTrafficRedisDb(0)
                  .withBlueJobs(null, overlap),
              null);
      WorkflowClient.start(wf::deploy, request);
      await(wf, Phase.AWAITING_APPROVAL);
      sampler.start();
      wf.approveCutover(new OperatorSignal("bench", "new-job pause"));
      await(wf, Phase.LIVE);
      // The overlap goes LIVE once Blue drained too, so both are over here.
      wf.finalizeDeployment(new OperatorSignal("bench", "new-job pause"));
      await(wf, Phase.COMPLETED);
      return sampler.stop();
    } finally {
      sampler.stop();
      env.close();
    }
  }

  private static void await(BlueGreenDeploymentWorkflow wf, Phase phase)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    DeploymentStatus s = wf.status();
    while (s.phase() != phase) {
      if (s.phase().isTerminal() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the deployment did not reach " + phase + ": " + s);
      }
      Thread.sleep(100);
      s = wf.status();
    }
  }

  /** Samples both profiles' startJobs and Blue's running jobs on a thread of its own. */
  private static final class Sampler {
    private final MongoDatabase blue;
    private final MongoDatabase green;
    private Thread thread;
    private volatile boolean stopped;
    private volatile long blueOff;
    private volatile long greenOn;
    private volatile long drained;

    Sampler(MongoDatabase blue, MongoDatabase green) {
      this.blue = blue;
      this.green = green;
    }

    void start() {
      thread = new Thread(this::sample, "new-job-pause-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample() {
      while (!stopped && (blueOff == 0 || greenOn == 0 || drained == 0)) {
        long now = System.nanoTime();
        if (blueOff == 0 && Boolean.FALSE.equals(startJobs(blue, "blue"))) {
          blueOff = now;
        }
        if (greenOn == 0 && Boolean.TRUE.equals(startJobs(green, "green"))) {
          greenOn = now;
        }
        if (blueOff != 0
            && drained == 0
            && blue.getCollection("jobs").countDocuments(Filters.eq("status", "running")) == 0) {
          drained = now;
        }
        try {
          Thread.sleep(SAMPLE.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private static Boolean startJobs(MongoDatabase db, String profile) {
      Document p = db.getCollection("iap_profiles").find(Filters.eq("id", profile)).first();
      return p == null ? null : p.getBoolean("startJobs");
    }

    Pause stop() throws InterruptedException {
      if (thread != null && !stopped) {
        thread.join(Duration.ofSeconds(5).toMillis());
      }
      stopped = true;
      return new Pause((greenOn - blueOff) / 1e9, (drained - blueOff) / 1e9);
    }
  }
}
