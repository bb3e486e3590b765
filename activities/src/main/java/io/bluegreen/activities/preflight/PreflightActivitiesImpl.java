package io.bluegreen.activities.preflight;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.copy.CollectionKind;
import io.bluegreen.activities.copy.CollectionPlanner;
import io.bluegreen.activities.itential.PlatformReleaseCheck;
import io.bluegreen.activities.provisioning.GreenConfigurationCheck;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.workflows.model.CutoverOptions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  private static final String INVALID_DB_CHARS = "/\\. \"$*<>:|?";

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
    PlatformSpec blue = require(input.blue(), "blue");
    PlatformSpec green = require(input.green(), "green");
    List<String> findings = new ArrayList<>();
    checkSpec(blue, "blue");
    checkSpec(green, "green");

    // Resolve every name first: a typo in a connection name is the most common mistake.
    connections.mongoServerKey(blue.mongo());
    connections.mongoServerKey(green.mongo());
    connections.redisServerKey(blue.redis());
    connections.redisServerKey(green.redis());
    int blueDb = redisDb(blue);
    int greenDb = redisDb(green);
    checkRequestPolicy(input);
    SeparationCheck separation = new SeparationCheck(connections);
    separation.separate(blue, green, blueDb, greenDb);
    separation.trafficKeyOutsideBlue(input, blue, blueDb);
    PlatformReleaseCheck.Releases releases = new PlatformReleaseCheck(connections).check(blue, green, input.switches(), findings);

    MongoDatabase blueDatabase = connections.database(blue);
    MongoDatabase greenDatabase = connections.database(green);
    Document profile = blueProfile(blueDatabase, blue);
    checkSwitches(profile, input.switches(), blue);
    List<ConfigDifference> greenConfiguration =
        new GreenConfigurationCheck(connections).preview(blueDatabase, profile, blue, green, input.switches(), findings);

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
            "Green already holds " + clash.size() + " of the collections to copy (" + String.join(", ", clash)
                + "); copy keeps documents already there and verify will report differences");
      }
      if (greenKeys > 0) {
        findings.add("Green's Redis db " + greenDb + " already holds " + greenKeys + " keys");
      }
    }
    if (greenCollections.contains("iap_profiles")
        && greenDatabase.getCollection("iap_profiles").countDocuments(new Document("id", green.profile())) > 0) {
      findings.add("Green already has an iap_profiles document with id '" + green.profile() + "'; provisioning will replace it");
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
    return new PreflightReport(planned, plan.excluded(), totalDocs, totalBytes, findings, releases.blue(), releases.green(),
        greenConfiguration);
  }

  /**
   * Green's Redis key count. The first command on a connection is where a wrong password shows;
   * the driver's WRONGPASS text names no connection, so say which one and what to fix.
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

  private static PlatformSpec require(PlatformSpec spec, String which) {
    if (spec == null) {
      throw fail("the request has no '" + which + "' platform");
    }
    return spec;
  }

  private static void checkSpec(PlatformSpec spec, String which) {
    if (spec.mongo() == null || spec.mongo().isBlank()) {
      throw fail(which + ".mongo is missing: name a MongoDB connection from the worker configuration");
    }
    if (spec.redis() == null || spec.redis().isBlank()) {
      throw fail(which + ".redis is missing: name a Redis connection from the worker configuration");
    }
    if (spec.profile() == null || spec.profile().isBlank()) {
      throw fail(which + ".profile is missing: give the id of the platform's iap_profiles document");
    }
    String problem = databaseNameProblem(spec.database());
    if (problem != null) {
      throw fail(which + ".database " + problem);
    }
    if (spec.redisDb() != null && spec.redisDb() < 0) {
      throw fail(which + ".redisDb must be 0 or more, not " + spec.redisDb());
    }
  }

  /** Null when MongoDB accepts the name as a database name, else what is wrong with it. */
  static String databaseNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "is missing: name a MongoDB database";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length >= 64) {
      return "'" + name + "' is too long: MongoDB database names must be shorter than 64 bytes";
    }
    for (char c : name.toCharArray()) {
      if (INVALID_DB_CHARS.indexOf(c) >= 0 || c == 0) {
        return "'" + name + "' contains '" + c + "', which MongoDB does not allow in a database name (none of /\\. \"$*<>:|?)";
      }
    }
    return null;
  }

  private static int redisDb(PlatformSpec spec) {
    return spec.redisDb() == null ? 0 : spec.redisDb();
  }

  private static Document blueProfile(MongoDatabase db, PlatformSpec blue) {
    MongoCollection<Document> profiles = db.getCollection("iap_profiles");
    Document profile = profiles.find(new Document("id", blue.profile())).first();
    if (profile != null) {
      return profile;
    }
    List<String> ids = new ArrayList<>();
    try (MongoCursor<Document> c =
        profiles.find().projection(new Document("id", 1)).limit(20).iterator()) {
      c.forEachRemaining(d -> ids.add(String.valueOf(d.get("id"))));
    }
    throw fail(
        "Blue's database '"
            + blue.database()
            + "' (connection '"
            + blue.mongo()
            + "') has no iap_profiles document with id '"
            + blue.profile()
            + "'; "
            + (ids.isEmpty()
                ? "it has no iap_profiles documents at all (is this the platform's database?)"
                : "profile ids there: " + String.join(", ", ids)));
  }

  /**
   * A mistyped switch path would make cutover set a field the platform never reads, leaving Blue
   * starting jobs after traffic moved; so the paths must name booleans that exist.
   */
  private static void checkSwitches(Document profile, Switches switches, PlatformSpec blue) {
    if (switches == null) {
      return;
    }
    if (switches.startJobs() != null) {
      check(profile, "startJobs", switches.startJobs(), blue);
    }
    if (switches.taskWorker() != null) {
      check(profile, "taskWorker", switches.taskWorker(), blue);
    }
  }

  private static void check(Document profile, String name, String path, PlatformSpec blue) {
    String problem = DottedPath.problem(path);
    if (problem != null) {
      throw fail("switches." + name + " " + problem);
    }
    Object value = DottedPath.get(profile, path);
    if (!(value instanceof Boolean)) {
      throw fail(
          "switches."
              + name
              + " = '"
              + path
              + "' does not name a boolean in Blue's iap_profiles document '"
              + blue.profile()
              + "' ("
              + (value == null ? "no such field" : "it holds " + value.getClass().getSimpleName())
              + "); set switches."
              + name
              + " to the dotted path of that switch");
    }
  }

  /**
   * The URLs the request makes the worker call and where it writes the traffic key must be what
   * the worker configuration allows; refused here, before anything is written.
   */
  private void checkRequestPolicy(PreflightInput input) {
    RequestPolicy policy = connections.policy();
    List<String> problems = new ArrayList<>();
    if (input.blue().health() != null) {
      problems.add(policy.urlProblem("blue.health.url", input.blue().health().url()));
    }
    if (input.green().health() != null) {
      problems.add(policy.urlProblem("green.health.url", input.green().health().url()));
    }
    CutoverOptions cutover = input.cutover();
    if (cutover != null) {
      if (cutover.webhook() != null) {
        problems.add(policy.urlProblem("cutover.webhook.url", cutover.webhook().url()));
      }
      String redis = cutover.trafficRedis() != null ? cutover.trafficRedis() : input.blue().redis();
      problems.add(policy.trafficProblem(redis, cutover.trafficKey()));
    }
    problems.removeIf(Objects::isNull);
    if (!problems.isEmpty()) {
      throw fail(String.join("; ", problems));
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
