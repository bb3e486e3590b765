package io.bluegreen.activities.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.RealServers;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.failure.ApplicationFailure;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Green must be separate from Blue by what the servers say they are: two connection names whose
 * URIs differ (127.0.0.1 and localhost) but reach the same MongoDB-wire server or the same
 * redis-server are one server, and a second server is another even with the same database name.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SeparationByIdentityTest extends ActivityTestBase {
  private static final Switches SWITCHES = new Switches("startJobs", "taskWorker");
  private MongoServer otherMongo;
  private Connections aliases;
  private PreflightActivities preflight;

  @BeforeEach
  void setUp() {
    otherMongo = new MongoServer(new MemoryBackend());
    int other = otherMongo.bind().getPort();
    String port = servers.mongoUri.substring(servers.mongoUri.lastIndexOf(':') + 1);
    aliases =
        new Connections(
            Map.of(
                "local",
                servers.mongoUri,
                "localhost",
                "mongodb://localhost:" + port,
                "other",
                "mongodb://127.0.0.1:" + other),
            Map.of(
                "local",
                "redis://127.0.0.1:" + servers.redisPort,
                "localhost",
                "redis://localhost:" + servers.redisPort));
    seedBlue(1);
  }

  @AfterEach
  void tearDown() {
    aliases.close();
    otherMongo.shutdownNow();
  }

  private PreflightReport run(PlatformSpec g) {
    return run(aliases, blue, g);
  }

  private PreflightReport run(Connections c, PlatformSpec b, PlatformSpec g) {
    if (preflight == null) {
      preflight = stub(PreflightActivities.class, new PreflightActivitiesImpl(c));
    }
    return preflight.preflight(
        new PreflightInput(b, g, new CollectionSelection(List.of(), List.of()), SWITCHES, true));
  }

  @Test
  void anAliasOfBluesMongoServerWithBluesDatabaseIsRefused() {
    PlatformSpec viaAlias = new PlatformSpec("localhost", blue.database(), "local", 1, "blue");
    ApplicationFailure f = failure(() -> run(viaAlias));
    assertTrue(
        f.getOriginalMessage()
            .startsWith(
                "Green's MongoDB database is Blue's: connections 'local' and 'localhost'"
                    + " reach the same server "),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("with the same profile id 'blue'"), f.getOriginalMessage());
  }

  @Test
  void anAliasOfBluesRedisServerWithBluesDbIsRefused() {
    PlatformSpec viaAlias = new PlatformSpec("local", green.database(), "localhost", 0, "green");
    ApplicationFailure f = failure(() -> run(viaAlias));
    assertTrue(
        f.getOriginalMessage()
            .startsWith(
                "Green's Redis database is Blue's: connections 'local' and 'localhost'"
                    + " reach the same Redis server run_id "),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().endsWith("and both use db 0; give green.redisDb another number"),
        f.getOriginalMessage());
  }

  @Test
  void aRedisClusterIsRefusedForAGreenThatIsNotSeparate(@TempDir Path dir) throws Exception {
    File redisServer = RealServers.findOnPath("redis-server");
    assertTrue(
        redisServer != null,
        "redis-server must be on PATH for this test (./bluegreen test installs it)");
    int port = RealServers.freePort();
    Process cluster =
        new ProcessBuilder(
                redisServer.getPath(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                dir.resolve("nodes.conf").toString(),
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (Connections withCluster =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of(
                "local",
                "redis://127.0.0.1:" + servers.redisPort,
                "cluster",
                "redis://127.0.0.1:" + port,
                "cluster-alias",
                "redis://localhost:" + port))) {
      RealServers.waitForPort(port);
      ApplicationFailure db1 =
          failure(
              () ->
                  run(
                      withCluster,
                      blue,
                      new PlatformSpec("local", green.database(), "cluster", 1, "green")));
      assertEquals(
          "Green's Redis (connection 'cluster') is a Redis Cluster, which has db 0 only: set green.redisDb to 0",
          db1.getOriginalMessage());
      PlatformSpec blueOnCluster = new PlatformSpec("local", blue.database(), "cluster", 0, "blue");
      ApplicationFailure shared =
          failure(
              () ->
                  run(
                      withCluster,
                      blueOnCluster,
                      new PlatformSpec("local", green.database(), "cluster-alias", 0, "green")));
      assertTrue(
          shared.getOriginalMessage().startsWith("Green's Redis is Blue's Redis Cluster ("),
          shared.getOriginalMessage());
      assertTrue(
          shared
              .getOriginalMessage()
              .endsWith(
                  "which has db 0 only, so Green cannot be separate there: give Green a"
                      + " Redis of its own (green.redis)"),
          shared.getOriginalMessage());
    } finally {
      cluster.destroy();
      cluster.waitFor();
    }
  }

  @Test
  void theTrafficKeyIsNotWrittenIntoBluesOwnRedisDbUnlessTheRequestNamesIt() {
    PlatformSpec g = new PlatformSpec("local", green.database(), "local", 1, "green");
    preflight = stub(PreflightActivities.class, new PreflightActivitiesImpl(aliases));
    ApplicationFailure f =
        failure(
            () ->
                preflight.preflight(
                    new PreflightInput(
                        blue,
                        g,
                        new CollectionSelection(List.of(), List.of()),
                        SWITCHES,
                        true,
                        "localhost",
                        null)));
    assertEquals(
        "the traffic key would be written into Blue's own Redis db 0 (connection 'localhost' reaches Blue's Redis"
            + " server): set cutover.trafficRedisDb to a db of its own, or to 0 to write it into Blue's db knowingly",
        f.getOriginalMessage());
    PreflightReport named =
        preflight.preflight(
            new PreflightInput(
                blue,
                g,
                new CollectionSelection(List.of(), List.of()),
                SWITCHES,
                true,
                "localhost",
                0));
    assertTrue(named.collections().size() > 0, "named explicitly, db 0 is accepted");
  }

  @Test
  void anotherServerMayHoldADatabaseOfTheSameName() {
    PreflightReport r = run(new PlatformSpec("other", blue.database(), "localhost", 1, "green"));
    assertEquals(
        List.of("workflows", "forms", "migrations").stream().sorted().toList(),
        r.collections().stream().map(c -> c.name()).sorted().toList());
  }
}
