package io.bluegreen.simulated;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bson.Document;

/**
 * Plays the part of the Blue Itential Platform in the demo: once its startJobs switch is off, its
 * running jobs finish one by one, as a real platform's would, so that the cutover's drain has
 * something real to wait for. It writes only what the platform itself would write (job status),
 * never anything of bluegreen's.
 */
public final class BlueJobsSimulator implements AutoCloseable {
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * @param profileId the Blue profile whose {@code startJobs} path is watched
   * @param perJob how long each running job takes to finish after new jobs stop
   */
  public BlueJobsSimulator(
      MongoClient mongo, String database, String profileId, String startJobsPath, Duration perJob) {
    this(
        mongo,
        database,
        () -> {
          Document profile =
              mongo
                  .getDatabase(database)
                  .getCollection("iap_profiles")
                  .find(Filters.eq("id", profileId))
                  .first();
          return profile == null
              || !Boolean.FALSE.equals(
                  profile.getEmbedded(List.of(startJobsPath.split("\\.")), Boolean.class));
        },
        perJob);
  }

  /**
   * @param startsJobs whether Blue still starts new jobs (e.g. its job worker as its API reports
   *     it)
   */
  public BlueJobsSimulator(
      MongoClient mongo, String database, BooleanSupplier startsJobs, Duration perJob) {
    MongoDatabase db = mongo.getDatabase(database);
    thread = new Thread(() -> run(db, startsJobs, perJob), "blue-jobs-simulator");
    thread.setDaemon(true);
  }

  public BlueJobsSimulator start() {
    thread.start();
    return this;
  }

  private void run(MongoDatabase db, BooleanSupplier startsJobs, Duration perJob) {
    while (!stopped) {
      try {
        boolean startJobs = startsJobs.getAsBoolean();
        if (!startJobs) {
          db.getCollection("jobs")
              .updateOne(
                  Filters.eq("status", "running"),
                  Updates.combine(
                      Updates.set("status", "complete"),
                      Updates.set("metrics.end_time", new Date())));
        }
        Thread.sleep(startJobs ? 200 : perJob.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The demo's MongoDB may be restarting; the next round tries again.
        sleepQuietly();
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      stopped = true;
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
