package io.bluegreen.activities.preflight;

import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.activities.copy.CollectionPlanner;
import io.bluegreen.activities.cutover.BlueJobsReader;
import io.bluegreen.activities.itential.PlatformReleaseCheck;
import io.bluegreen.activities.provisioning.GreenConfigurationCheck;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.BlueJobs;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * Read-only checks before a deployment writes anything. Every problem is reported as a
 * non-retryable {@link PreflightActivities#PREFLIGHT_FAILED} failure whose message says what to
 * fix; nothing here ever writes to Blue or Green.
 */
public class PreflightActivitiesImpl implements PreflightActivities {
  private final Connections connections;
  private final ActivityBoundary boundary;

  public PreflightActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
  }

  @Override
  public PreflightReport preflight(PreflightInput input) {
    return boundary.run(
        "Preflight",
        () -> {
          try {
            return check(input);
          } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
          } catch (ApplicationFailure e) {
            if (Connections.UNKNOWN_CONNECTION.equals(e.getType())) {
              throw fail(e.getOriginalMessage());
            }
            throw e;
          }
        });
  }

  private PreflightReport check(PreflightInput input) {
    PlatformSpec blue = RequestCheck.require(input.blue(), "blue");
    PlatformSpec green = RequestCheck.require(input.green(), "green");
    List<String> findings = new ArrayList<>();
    RequestCheck.checkSpec(blue, "blue");
    RequestCheck.checkSpec(green, "green");

    // Resolve every name first: a typo in a connection name is the most common mistake.
    connections.mongoServerKey(blue.mongo());
    connections.mongoServerKey(green.mongo());
    connections.redisServerKey(blue.redis());
    connections.redisServerKey(green.redis());
    int blueDb = RequestCheck.redisDb(blue);
    int greenDb = RequestCheck.redisDb(green);
    RequestCheck.checkRequestPolicy(input, connections.policy());
    SeparationCheck separation = new SeparationCheck(connections);
    separation.separate(blue, green, blueDb, greenDb);
    separation.trafficKeyOutsideBlue(input, blue, blueDb);
    PlatformReleaseCheck.Releases releases =
        new PlatformReleaseCheck(connections).check(blue, green, input.switches(), findings);

    MongoDatabase blueDatabase = connections.database(blue);
    MongoDatabase greenDatabase = connections.database(green);
    Document profile = BlueProfileCheck.profile(blueDatabase, blue);
    BlueProfileCheck.checkSwitches(profile, input.switches(), blue);
    List<ConfigDifference> greenConfiguration =
        new GreenConfigurationCheck(connections)
            .preview(blueDatabase, profile, blue, green, input.switches(), findings);

    Set<String> blueCollections = new TreeSet<>();
    blueDatabase.listCollectionNames().into(blueCollections);
    CollectionPlanner.Plan plan = CollectionPlanner.plan(blueCollections, input.collections());
    refuseTimeSeries(blueDatabase, plan.selected());

    Set<String> greenCollections = new TreeSet<>();
    greenDatabase.listCollectionNames().into(greenCollections);
    List<String> clash = plan.selected().stream().filter(greenCollections::contains).toList();
    long greenKeys = greenRedisKeys(green, greenDb);
    if (input.greenMustBeEmpty()) {
      if (!clash.isEmpty()) {
        throw fail(
            "Green's database '"
                + green.database()
                + "' (connection '"
                + green.mongo()
                + "') already holds collections this deployment would copy: "
                + String.join(", ", clash)
                + "; drop them, choose another green.database, or set copy.greenMustBeEmpty to false");
      }
      if (greenKeys > 0) {
        throw fail(
            "Green's Redis db "
                + greenDb
                + " (connection '"
                + green.redis()
                + "') is not empty ("
                + greenKeys
                + " keys); flush it, choose another green.redisDb, or set copy.greenMustBeEmpty to false");
      }
    } else {
      if (!clash.isEmpty()) {
        findings.add(
            "Green already holds "
                + clash.size()
                + " of the collections to copy ("
                + String.join(", ", clash)
                + "); copy keeps documents already there and verify will report differences");
      }
      if (greenKeys > 0) {
        findings.add("Green's Redis db " + greenDb + " already holds " + greenKeys + " keys");
      }
    }
    if (greenCollections.contains("iap_profiles")
        && greenDatabase
                .getCollection("iap_profiles")
                .countDocuments(new Document("id", green.profile()))
            > 0) {
      findings.add(
          "Green already has an iap_profiles document with id '"
              + green.profile()
              + "'; provisioning will replace it");
    }

    List<PlannedCollection> planned = new ArrayList<>();
    long totalDocs = 0;
    long totalBytes = 0;
    for (String name : plan.selected()) {
      PlannedCollection pc = CollectionMeasure.of(blueDatabase, name);
      planned.add(pc);
      totalDocs += pc.documents();
      totalBytes += pc.bytes();
      Activity.getExecutionContext().heartbeat(name);
    }
    BlueJobs jobs = new BlueJobsReader(blueDatabase.getCollection("jobs")).unfinished();
    if (jobs.total() > 0) {
      findings.add(
          "Blue has "
              + jobs.describe()
              + " neither complete nor canceled: those not running when the cutover comes stay on"
              + " Blue unless cutover.blueJobs is \"cancel\" (first ids: "
              + BlueJobs.ids(jobs.jobs().subList(0, Math.min(10, jobs.jobs().size())))
              + ")");
    }
    return new PreflightReport(
        planned,
        plan.excluded(),
        totalDocs,
        totalBytes,
        findings,
        releases.blue(),
        releases.green(),
        greenConfiguration,
        jobs);
  }

  /**
   * Green's Redis key count. The first command on a connection is where a wrong password shows; the
   * driver's WRONGPASS text names no connection, so say which one and what to fix.
   */
  private long greenRedisKeys(PlatformSpec green, int db) {
    try {
      return connections.redis(green.redis(), db).dbSize();
    } catch (JedisAccessControlException e) {
      throw fail(
          "Redis connection '"
              + green.redis()
              + "' (Green's) refused the worker's credentials ("
              + connections.secrets().scrub(e.getMessage())
              + "); correct the password or user of redis."
              + green.redis()
              + " in the worker configuration, or the environment variable it names");
    }
  }

  private static ApplicationFailure fail(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, PREFLIGHT_FAILED);
  }

  /** A time-series collection cannot be copied document by document: refused before any write. */
  private static void refuseTimeSeries(MongoDatabase blue, List<String> selected) {
    for (Document info : blue.listCollections()) {
      CollectionKind kind = CollectionKind.of(info);
      if (kind.type() == CollectionKind.Type.TIMESERIES && selected.contains(kind.name())) {
        throw fail(CollectionKind.timeseriesRefusal(kind.name()));
      }
    }
  }
}
