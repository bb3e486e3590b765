package io.bluegreen.activities.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Green's own configuration from a realistic Itential profile and service configs: what preflight
 * previews (a diff against Blue's, the values still specific to Blue) is what provisioning writes,
 * with Green's overrides applied and service configs matched by name.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GreenConfigurationTest extends ActivityTestBase {
  private static final Switches NO_SWITCHES = new Switches(null, null);
  private SimulatedItentialApi api;
  private Connections withApi;

  @AfterEach
  void stopApi() {
    withApi.close();
    api.close();
  }

  @BeforeEach
  void seed() throws Exception {
    api = SimulatedItentialApi.withToken("t0ken");
    withApi =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of("local", "redis://127.0.0.1:" + servers.redisPort),
            Map.of("api", new ApiEndpoint(api.baseUrl(), "t0ken")));
    MongoDatabase db = db(blue);
    db.getCollection("workflows")
        .insertOne(new Document("name", "Port Turn-Up").append("type", "automation"));
    db.getCollection("iap_profiles")
        .insertOne(
            Document.parse(
                """
        {"id": "blue", "description": "Blue production",
         "uiProps": {"title": "Itential Blue", "layout": "node_modules/@itential/pronghorn-core/ui/views/layout.html"},
         "authenticationProps": {"logoutTime": 20, "uniqueSession": false, "admins": [{"provenance": "Local AAA", "group": "admin"}]},
         "expressProps": {"access_control_allow_origin": "*", "https": false, "http_port": 3000},
         "loggerProps": {"log_directory": "/var/log/pronghorn", "log_filename": "pronghorn.log", "console_level": "warning"},
         "redisProps": {"host": "127.0.0.1", "port": 6379, "db": 0, "maxRetriesPerRequest": 20},
         "services": ["local_aaa", "AppArtifacts"],
         "systemProps": {"shutdownTimeout": 3}}
        """));
    db.getCollection("service_configs")
        .insertOne(
            Document.parse(
                """
        {"_id": "aaa-blue-id", "name": "local_aaa", "type": "local_aaa",
         "properties": {"id": "local_aaa", "properties": {"authentication": {"type": "local"},
           "database": {"db": "%s", "url": "mongodb://127.0.0.1:27017"}}},
         "loggerProps": {"log_filename": "local_aaa.log"}}
        """
                    .formatted(blue.database())));
    db.getCollection("service_configs")
        .insertOne(
            Document.parse(
                """
        {"_id": "rmq-blue-id", "name": "event_system", "properties": {"vhost": "%s", "host": "rabbit.blue.internal"}}
        """
                    .formatted(blue.database())));
  }

  private PlatformSpec greenWithOverrides() {
    return green.withOverrides(
        Map.of("uiProps.title", "Itential Green", "loggerProps.log_directory", "/var/log/green"),
        Map.of("local_aaa", Map.of("properties.properties.database.db", green.database())));
  }

  @Test
  void preflightPreviewsWhatProvisioningWritesAndListsWhatStillLooksLikeBlue() {
    PlatformSpec g = greenWithOverrides();
    PreflightReport report =
        stub(PreflightActivities.class, new PreflightActivitiesImpl(withApi))
            .preflight(
                new PreflightInput(
                    blue.withApiAndHealth("api", null),
                    g.withApiAndHealth("api", null),
                    new CollectionSelection(List.of(), List.of()),
                    NO_SWITCHES,
                    true));
    List<String> changes =
        report.greenConfiguration().stream()
            .map(c -> c.document() + " " + c.path() + ": " + c.blue() + " -> " + c.green())
            .toList();
    assertTrue(
        changes.contains("iap_profiles/green id: \"blue\" -> \"green\""), changes.toString());
    assertTrue(changes.contains("iap_profiles/green redisProps.db: 0 -> 1"), changes.toString());
    assertTrue(
        changes.contains(
            "iap_profiles/green uiProps.title: \"Itential Blue\" -> \"Itential Green\""),
        changes.toString());
    assertTrue(
        changes.contains(
            "service_configs/local_aaa properties.properties.database.db: \""
                + blue.database()
                + "\" -> \""
                + green.database()
                + "\""),
        changes.toString());
    String specific =
        report.findings().stream()
            .filter(f -> f.startsWith("Green would keep"))
            .findFirst()
            .orElse("");
    assertTrue(
        specific.contains(
            "service_configs/event_system properties.vhost = \""
                + blue.database()
                + "\" (Blue's database name)"),
        specific);
    assertFalse(
        specific.contains("local_aaa properties.properties.database.db"),
        "overridden, so not listed: " + specific);

    stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(connections))
        .provisionGreen(new ProvisionInput(blue, g, NO_SWITCHES));
    Document written =
        db(green).getCollection("iap_profiles").find(new Document("id", "green")).first();
    assertEquals("Itential Green", written.get("uiProps", Document.class).getString("title"));
    assertEquals(
        "/var/log/green", written.get("loggerProps", Document.class).getString("log_directory"));
    assertEquals(
        20,
        written.get("authenticationProps", Document.class).getInteger("logoutTime"),
        "the rest is Blue's");
    Document aaa =
        db(green).getCollection("service_configs").find(new Document("name", "local_aaa")).first();
    assertEquals(
        green.database(),
        aaa.getEmbedded(List.of("properties", "properties", "database", "db"), String.class));
    // Every change the preview announced is what was written.
    for (ConfigDifference c : report.greenConfiguration()) {
      if (c.document().equals("iap_profiles/green")
          && c.green() != null
          && !c.green().startsWith("{")) {
        Object v = DottedPath.get(written, c.path());
        assertEquals(
            c.green(), v instanceof String s ? "\"" + s + "\"" : String.valueOf(v), c.path());
      }
    }
  }

  @Test
  void serviceConfigsAreMatchedByNameSoGreensOwnIdIsKept() {
    db(green)
        .getCollection("service_configs")
        .insertOne(
            new Document("_id", "aaa-green-id")
                .append("name", "local_aaa")
                .append("properties", new Document("stale", true)));
    stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(connections))
        .provisionGreen(new ProvisionInput(blue, greenWithOverrides(), NO_SWITCHES));
    assertEquals(
        2,
        db(green).getCollection("service_configs").countDocuments(),
        "replaced in place, not duplicated");
    Document aaa =
        db(green).getCollection("service_configs").find(new Document("name", "local_aaa")).first();
    assertEquals("aaa-green-id", aaa.get("_id"));
    assertEquals(
        "local",
        aaa.getEmbedded(
            List.of("properties", "properties", "authentication", "type"), String.class));
    assertEquals(null, aaa.get("properties", Document.class).get("stale"));
  }

  @Test
  void anOverrideForAServiceBlueDoesNotHaveIsRefused() {
    PlatformSpec g =
        green
            .withOverrides(null, Map.of("local_aa", Map.of("x", 1)))
            .withRelease("2023.2", null, null);
    ApplicationFailure f =
        failure(
            () ->
                stub(PreflightActivities.class, new PreflightActivitiesImpl(withApi))
                    .preflight(
                        new PreflightInput(
                            blue.withApiAndHealth("api", null),
                            g.withApiAndHealth("api", null),
                            new CollectionSelection(List.of(), List.of()),
                            NO_SWITCHES,
                            true)));
    assertEquals(
        "green.serviceConfigOverrides names service 'local_aa', but Blue has no service config of that name"
            + " (names there: event_system, local_aaa)",
        f.getOriginalMessage());
  }

  /**
   * Credentials in Blue's service configs (a password field, a token, a MongoDB URL with user info)
   * and Green's overrides of them: the report says they differ, and neither side's value reaches
   * the activity's result (what history holds), its findings, or the worker's log.
   */
  @Test
  void credentialsInServiceConfigsNeverLeaveTheWorker() {
    List<String> secrets =
        List.of("BluePw1", "GreenPw2", "BlueUrlPw", "GreenUrlPw", "BlueTok", "GreenTok", "admin:");
    db(blue)
        .getCollection("service_configs")
        .insertOne(
            Document.parse(
                """
        {"_id": "mongo-adapter-id", "name": "mongo_adapter",
         "properties": {"url": "mongodb://admin:BlueUrlPw@127.0.0.1:27017/%s", "password": "BluePw1",
           "keyPrefix": "blue:", "auth": {"token": "BlueTok", "username": "admin"}}}
        """
                    .formatted(blue.database())));
    PlatformSpec g =
        green.withOverrides(
            null,
            Map.of(
                "mongo_adapter",
                Map.of(
                    "properties.url",
                    "mongodb://admin:GreenUrlPw@127.0.0.1:27017/" + green.database(),
                    "properties.password",
                    "GreenPw2",
                    "properties.keyPrefix",
                    "green:",
                    "properties.auth",
                    Map.of("token", "GreenTok", "username", "admin"))));

    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    PreflightReport report;
    try {
      report =
          stub(PreflightActivities.class, new PreflightActivitiesImpl(withApi))
              .preflight(
                  new PreflightInput(
                      blue.withApiAndHealth("api", null),
                      g.withApiAndHealth("api", null),
                      new CollectionSelection(List.of(), List.of()),
                      NO_SWITCHES,
                      true));
    } finally {
      root.detachAppender(log);
    }

    String history =
        new String(
            DefaultDataConverter.newDefaultInstance()
                .toPayload(report)
                .orElseThrow()
                .getData()
                .toByteArray(),
            StandardCharsets.UTF_8);
    // What the worker's logback.xml lets through: the MongoDB driver from WARN (it logs command
    // replies at DEBUG), everything else at any level; the test's stand-in server is not the
    // worker.
    String logged =
        String.join(
            "\n",
            log.list.stream()
                .filter(e -> !e.getLoggerName().startsWith("de.bwaldvogel"))
                .filter(
                    e ->
                        !e.getLoggerName().startsWith("org.mongodb.driver")
                            || e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLoggerName() + " " + e.getFormattedMessage())
                .toList());
    for (String secret : secrets) {
      assertFalse(history.contains(secret), secret + " reached the activity result: " + history);
      assertFalse(logged.contains(secret), secret + " reached the worker log: " + logged);
    }
    List<String> changes =
        report.greenConfiguration().stream()
            .filter(c -> c.document().equals("service_configs/mongo_adapter"))
            .map(c -> c.path() + ": " + c.blue() + " -> " + c.green())
            .toList();
    assertTrue(
        changes.contains("properties.password: \"***\" -> \"***\""),
        "reported as changed, hidden: " + changes);
    assertTrue(changes.contains("properties.auth.token: \"***\" -> \"***\""), changes.toString());
    assertTrue(
        changes.contains(
            "properties.url: \"mongodb://***@127.0.0.1:27017/"
                + blue.database()
                + "\" -> \"mongodb://***@127.0.0.1:27017/"
                + green.database()
                + "\""),
        "host and database still shown: " + changes);
    assertTrue(
        changes.contains("properties.keyPrefix: \"blue:\" -> \"green:\""),
        "a setting about keys is no key: " + changes);

    // What provisioning writes is the real value: only the report is masked.
    stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(connections))
        .provisionGreen(new ProvisionInput(blue, g, NO_SWITCHES));
    Document written =
        db(green)
            .getCollection("service_configs")
            .find(new Document("name", "mongo_adapter"))
            .first();
    assertEquals("GreenPw2", written.getEmbedded(List.of("properties", "password"), String.class));
  }

  /** A value still pointing at Blue's host is listed with its user info hidden. */
  @Test
  void blueSpecificValuesAreListedWithoutTheirCredentials() {
    Document blueConfig =
        Document.parse(
            """
        {"name": "mongo_adapter", "properties": {"url": "mongodb://admin:BlueUrlPw@mongo.blue.internal:27017/db",
         "credentials": {"host": "mongo.blue.internal", "password": "BluePw1"}}}""");
    List<String> listed =
        GreenConfiguration.blueSpecific(
            "service_configs/mongo_adapter",
            blueConfig,
            blueConfig,
            "db",
            0,
            List.of("mongo.blue.internal"));
    assertEquals(
        List.of(
            "service_configs/mongo_adapter properties.url = \"mongodb://***@mongo.blue.internal:27017/db\" (Blue's host mongo.blue.internal)",
            "service_configs/mongo_adapter properties.credentials.host = \"***\" (Blue's host mongo.blue.internal)"),
        listed);
  }
}
