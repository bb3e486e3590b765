package io.bluegreen.activities.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.workflows.activities.PlannedCollection;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PreflightActivitiesTest extends ActivityTestBase {
  static final Switches SWITCHES = new Switches("startJobs", "taskWorker");
  PreflightActivities preflight;
  Map<String, List<String>> blueBefore;

  @BeforeEach
  void setUp() {
    seedBlue(25);
    db(blue).getCollection("workflows").createIndex(new Document("name", 1));
    preflight = stub(PreflightActivities.class, new PreflightActivitiesImpl(connections));
    blueBefore = snapshot(db(blue));
  }

  PreflightInput input(CollectionSelection selection, boolean greenMustBeEmpty) {
    return new PreflightInput(blue, green, selection, SWITCHES, greenMustBeEmpty);
  }

  ApplicationFailure refused(PreflightInput input) {
    ApplicationFailure f = failure(() -> preflight.preflight(input));
    assertFailure(f, PreflightActivities.PREFLIGHT_FAILED, true);
    assertEquals(blueBefore, snapshot(db(blue)), "preflight must not write Blue");
    return f;
  }

  @Test
  void plansEveryContentCollectionAndExplainsTheRest() {
    PreflightReport r = preflight.preflight(input(null, true));
    Map<String, PlannedCollection> planned =
        r.collections().stream().collect(Collectors.toMap(PlannedCollection::name, c -> c));
    assertEquals(
        List.of("forms", "migrations", "workflows"), List.copyOf(new TreeSet<>(planned.keySet())));
    assertEquals(25, planned.get("workflows").documents());
    assertEquals(2, planned.get("workflows").indexes());
    assertTrue(
        planned.get("workflows").bytes() > 25 * 100, "bytes: " + planned.get("workflows").bytes());
    assertEquals(27, r.totalDocuments());
    Map<String, String> reasons =
        r.excluded().stream()
            .collect(Collectors.toMap(ExcludedCollection::name, ExcludedCollection::reason));
    assertEquals("runtime data", reasons.get("jobs"));
    assertEquals("runtime data", reasons.get("tasks"));
    assertEquals("provisioned separately", reasons.get("iap_profiles"));
    assertEquals("provisioned separately", reasons.get("service_configs"));
    assertEquals(blueBefore, snapshot(db(blue)));
  }

  @Test
  void includeLimitsExcludeRemovesMigrationsAlwaysCopied() {
    PreflightReport r =
        preflight.preflight(
            input(new CollectionSelection(List.of("workflows", "forms"), List.of("forms")), true));
    assertEquals(
        List.of("migrations", "workflows"),
        r.collections().stream().map(PlannedCollection::name).sorted().toList());
    Map<String, String> reasons =
        r.excluded().stream()
            .collect(Collectors.toMap(ExcludedCollection::name, ExcludedCollection::reason));
    assertEquals("excluded by request", reasons.get("forms"));

    r =
        preflight.preflight(
            input(new CollectionSelection(List.of("forms"), List.of("migrations")), true));
    assertEquals(
        List.of("forms", "migrations"),
        r.collections().stream().map(PlannedCollection::name).sorted().toList());
    reasons =
        r.excluded().stream()
            .collect(Collectors.toMap(ExcludedCollection::name, ExcludedCollection::reason));
    assertEquals("not in include", reasons.get("workflows"));
  }

  @Test
  void refusesAnIncludeOfACollectionBlueDoesNotHave() {
    ApplicationFailure f =
        refused(input(new CollectionSelection(List.of("workflows", "nosuch"), List.of()), true));
    assertTrue(f.getOriginalMessage().contains("nosuch"), f.getOriginalMessage());
  }

  @Test
  void refusesAnEmptySelection() {
    // migrations is always copied, so drop it from Blue to get an empty set
    db(blue).getCollection("migrations").drop();
    blueBefore = snapshot(db(blue));
    ApplicationFailure f =
        refused(input(new CollectionSelection(List.of(), List.of("workflows", "forms")), true));
    assertTrue(
        f.getOriginalMessage().contains("no collections left to copy"), f.getOriginalMessage());
  }

  @Test
  void refusesAMissingBlueProfileAndListsTheIdsThere() {
    blue = new PlatformSpec("local", blue.database(), "local", 0, "bleu");
    ApplicationFailure f = refused(input(null, true));
    String m = f.getOriginalMessage();
    assertTrue(m.contains("'" + blue.database() + "'") && m.contains("'bleu'"), m);
    assertTrue(m.contains("blue, other"), m);
  }

  @Test
  void refusesGreenInBluesDatabaseEvenUnderAnotherConnectionName() {
    green = new PlatformSpec("alias", blue.database(), "local", 1, "green");
    ApplicationFailure f = refused(input(null, true));
    assertTrue(
        f.getOriginalMessage().contains("Green's MongoDB database is Blue's"),
        f.getOriginalMessage());
  }

  @Test
  void refusesGreenInBluesRedisDb() {
    green = new PlatformSpec("local", green.database(), "local", 0, "green");
    ApplicationFailure f = refused(input(null, true));
    assertTrue(
        f.getOriginalMessage().contains("Green's Redis database is Blue's"),
        f.getOriginalMessage());
  }

  @Test
  void refusesAGreenThatAlreadyHoldsACollectionToCopyUnlessAllowed() {
    db(green).getCollection("forms").insertOne(new Document("name", "stale"));
    ApplicationFailure f = refused(input(null, true));
    assertTrue(
        f.getOriginalMessage().contains("already holds collections")
            && f.getOriginalMessage().contains("forms"),
        f.getOriginalMessage());
    PreflightReport r = preflight.preflight(input(null, false));
    assertTrue(r.findings().stream().anyMatch(s -> s.contains("forms")), r.findings().toString());
  }

  @Test
  void refusesANonEmptyGreenRedisDb() {
    connections.redis("local", 1).set("leftover", "x");
    ApplicationFailure f = refused(input(null, true));
    assertTrue(
        f.getOriginalMessage().contains("Redis db 1")
            && f.getOriginalMessage().contains("not empty"),
        f.getOriginalMessage());
  }

  @Test
  void refusesInvalidDatabaseNames() {
    for (String bad : List.of("", "has space", "a.b", "x$", "a".repeat(64))) {
      green = new PlatformSpec("local", bad, "local", 1, "green");
      ApplicationFailure f = refused(input(null, true));
      assertTrue(f.getOriginalMessage().startsWith("green.database"), f.getOriginalMessage());
    }
  }

  @Test
  void refusesAnUnknownConnectionNamingTheKnownOnes() {
    green = new PlatformSpec("prod", green.database(), "local", 1, "green");
    ApplicationFailure f = refused(input(null, true));
    assertEquals(
        "no MongoDB connection named 'prod' in the worker configuration (known: alias, local)",
        f.getOriginalMessage());
  }

  @Test
  void refusesSwitchPathsThatAreNotBooleansInBluesProfile() {
    ApplicationFailure f =
        failure(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blue, green, null, new Switches("startJob", "taskWorker"), true)));
    assertFailure(f, PreflightActivities.PREFLIGHT_FAILED, true);
    assertTrue(
        f.getOriginalMessage().contains("switches.startJobs = 'startJob'"), f.getOriginalMessage());
    f =
        failure(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blue, green, null, new Switches("startJobs", "description"), true)));
    assertTrue(f.getOriginalMessage().contains("holds String"), f.getOriginalMessage());
    assertEquals(blueBefore, snapshot(db(blue)));
  }
}
