package io.bluegreen.activities.itential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.cutover.CutoverActivitiesImpl;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.activities.CutoverActivities;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two flavours of Itential release against a fake API each: a 2023.1 platform logging in with
 * {@code POST /login} (session token as the {@code token} query parameter) and a Platform 6 one
 * with OAuth client credentials ({@code /health/server} behind the login). Releases, the workers'
 * {@code startupValue}, the logins' renewal, and that no credential or issued token shows.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ItentialReleaseFlavoursTest extends ActivityTestBase {
  private static final String PASSWORD = "pw-7c1e-secret";
  private static final String CLIENT_SECRET = "cs-91d2-secret";
  private static final Switches NO_PROFILE_SWITCHES = new Switches(null, null);
  private SimulatedItentialApi iap2023;
  private SimulatedItentialApi platform6;
  private Connections apis;
  private PreflightActivities preflight;

  @BeforeEach
  void setUp() throws Exception {
    iap2023 = SimulatedItentialApi.withLogin("2023.1.7", "bluegreen", PASSWORD);
    platform6 = SimulatedItentialApi.withOAuth("6.0.3", "bluegreen-client", CLIENT_SECRET);
    apis =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of("local", "redis://127.0.0.1:" + servers.redisPort),
            Map.of(
                "blue-api",
                ApiEndpoint.login(iap2023.baseUrl(), "bluegreen", PASSWORD),
                "green-api",
                ApiEndpoint.oauth(platform6.baseUrl(), "bluegreen-client", CLIENT_SECRET),
                "blue-wrong-password",
                ApiEndpoint.login(iap2023.baseUrl(), "bluegreen", "not-" + PASSWORD),
                "green-wrong-secret",
                ApiEndpoint.oauth(
                    platform6.baseUrl(), "bluegreen-client", "not-" + CLIENT_SECRET)));
    seedBlue(1);
    preflight = stub(PreflightActivities.class, new PreflightActivitiesImpl(apis));
  }

  @AfterEach
  void tearDown() {
    iap2023.close();
    platform6.close();
    apis.close();
  }

  private PreflightReport preflight(PlatformSpec b, PlatformSpec g) {
    return preflight.preflight(
        new PreflightInput(
            b, g, new CollectionSelection(List.of(), List.of()), NO_PROFILE_SWITCHES, true));
  }

  private CutoverActivities cutover() {
    return stub(
        CutoverActivities.class,
        new CutoverActivitiesImpl(apis, Duration.ofMillis(100), Duration.ofSeconds(2)));
  }

  private ApplicationFailure refused(PlatformSpec b, PlatformSpec g) {
    return failure(() -> preflight(b, g));
  }

  private PlatformSpec blueApi() {
    return blue.withApiAndHealth("blue-api", null);
  }

  private PlatformSpec greenApi() {
    return green.withApiAndHealth("green-api", null);
  }

  @Test
  void preflightReadsBothReleasesThroughTheirOwnLogins() {
    PreflightReport report = preflight(blueApi(), greenApi());
    assertEquals("2023.1.7", report.blueRelease(), "2023.x reports its release at /health/server");
    assertEquals(
        "6.0.3", report.greenRelease(), "Platform 6 reports its version, behind the login");
    assertTrue(
        report
            .findings()
            .contains(
                "blue API 'blue-api' (release 2023.1.7): job worker running (off at start-up),"
                    + " task worker running (off at start-up)"),
        report.findings().toString());
    assertTrue(iap2023.calls().stream().anyMatch(c -> c.toString().equals("POST /login")));
    assertTrue(platform6.calls().stream().anyMatch(c -> c.toString().equals("POST /oauth/token")));
    assertTrue(
        iap2023.calls().stream()
            .filter(c -> c.path().startsWith("/workflow_engine"))
            .allMatch(SimulatedItentialApi.Call::authorized),
        "the session token went with every Workflow Engine call");
    assertTrue(
        platform6.calls().stream()
            .filter(c -> c.path().startsWith("/workflow_engine"))
            .allMatch(SimulatedItentialApi.Call::authorized));
    assertFalse(report.toString().contains(PASSWORD) || report.toString().contains(CLIENT_SECRET));
  }

  @Test
  void anExpiredSessionIsRenewedOnceAndTheSwitchGoesThroughTheApiOnly() {
    CutoverActivities cutover = cutover();
    cutover.setSwitch(
        new SwitchInput(blueApi(), Colour.BLUE, WorkerSwitch.TASK_WORKER, null, false));
    assertEquals(1, iap2023.logins());
    iap2023.expireSessions();
    SwitchResult r =
        cutover.setSwitch(
            new SwitchInput(blueApi(), Colour.BLUE, WorkerSwitch.START_JOBS, null, false));
    assertEquals(new SwitchResult(Colour.BLUE, WorkerSwitch.START_JOBS, true, false), r);
    assertFalse(iap2023.jobWorker());
    assertEquals(2, iap2023.logins(), "one new login after the platform forgot the session");
    Document profile =
        db(blue).getCollection("iap_profiles").find(new Document("id", "blue")).first();
    assertEquals(
        true, profile.getBoolean("startJobs"), "no switch path named: the profile is not toggled");
  }

  @Test
  void wrongCredentialsArePermanentAndNeverPrinted() {
    CutoverActivities cutover = cutover();
    ApplicationFailure login =
        failure(
            () ->
                cutover.setSwitch(
                    new SwitchInput(
                        blue.withApiAndHealth("blue-wrong-password", null),
                        Colour.BLUE,
                        WorkerSwitch.START_JOBS,
                        null,
                        false)));
    assertTrue(login.isNonRetryable());
    assertTrue(
        login.getOriginalMessage().contains("log in to API 'blue-wrong-password' as 'bluegreen'"),
        login.getOriginalMessage());
    assertTrue(
        login.getOriginalMessage().contains("check api.blue-wrong-password.user and .password"),
        login.getOriginalMessage());
    assertFalse(login.getOriginalMessage().contains(PASSWORD));

    ApplicationFailure oauth =
        refused(blueApi(), green.withApiAndHealth("green-wrong-secret", null));
    assertTrue(
        oauth
            .getOriginalMessage()
            .contains("check api.green-wrong-secret.clientId and .clientSecret"),
        oauth.getOriginalMessage());
    assertFalse(oauth.getOriginalMessage().contains(CLIENT_SECRET));
    assertTrue(iap2023.jobWorker(), "nothing was switched");
  }

  @Test
  void greenWorkersStartingAtStartupAreRefusedUnlessAcknowledgedAndBluesAreAWarning() {
    platform6.startup(true, false);
    ApplicationFailure f = refused(blueApi(), greenApi());
    assertTrue(
        f.getOriginalMessage()
            .startsWith("Green's job worker would start whenever Green starts (startupValue true)"),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("set job_worker_enabled to false"),
        "Platform 6's setting: " + f.getOriginalMessage());

    PreflightReport ok = preflight(blueApi(), greenApi().withRelease(null, null, true));
    assertTrue(
        ok.findings().stream()
            .anyMatch(s -> s.contains("acknowledged by green.acknowledgeStartupWorkers")),
        ok.findings().toString());

    platform6.startup(false, false);
    iap2023.startup(true, true);
    PreflightReport warned = preflight(blueApi(), greenApi());
    assertTrue(
        warned
            .findings()
            .contains(
                "warning: Blue's job and task workers start whenever Blue starts (processJobsOnStart"
                    + " and processTasksOnStart true in properties.json): after the cutover a restarted Blue would take jobs again; set them"
                    + " to false once Green is live"),
        warned.findings().toString());
  }

  @Test
  void oldReleasesAndDowngradesAreRefused() {
    iap2023.release("2022.1.3");
    ApplicationFailure old = refused(blueApi(), greenApi());
    assertTrue(
        old.getOriginalMessage()
            .startsWith("blue runs Itential release 2022.1.3, older than 2023.1"),
        old.getOriginalMessage());

    iap2023.release("2023.2.0");
    platform6.release("2023.1.5");
    ApplicationFailure down = refused(blueApi(), greenApi());
    assertEquals(
        "Green runs release 2023.1.5, older than Blue's 2023.2.0: a blue-green deployment moves forward; set"
            + " green.allowDowngrade to true if this downgrade is meant",
        down.getOriginalMessage());
    PreflightReport allowed = preflight(blueApi(), greenApi().withRelease(null, true, null));
    assertEquals("2023.1.5", allowed.greenRelease());
  }

  @Test
  void withoutAnApiTheSwitchPathsMustBeNamedAndTheReleaseMayBeGiven() {
    ApplicationFailure f = refused(blue.withRelease("2023.2", null, null), greenApi());
    assertTrue(
        f.getOriginalMessage()
            .startsWith("blue has no API connection and switches.startJobs names no profile field"),
        f.getOriginalMessage());
    PreflightReport r =
        preflight.preflight(
            new PreflightInput(
                blue.withRelease("2023.2", null, null),
                greenApi(),
                new CollectionSelection(List.of(), List.of()),
                new Switches("startJobs", "taskWorker"),
                true));
    assertEquals("2023.2", r.blueRelease(), "the request's release when there is no API");
    assertTrue(
        r.findings()
            .contains(
                "blue is switched by toggling fields of iap_profiles document 'blue' in database '"
                    + blue.database()
                    + "': 'startJobs' (job worker) and 'taskWorker' (task worker)"),
        r.findings().toString());
  }
}
