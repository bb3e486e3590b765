package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.Version;
import io.bluegreen.starter.release.ReleasePackage;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.bluegreen.workflows.model.Colour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The release tarball, extracted away from the source tree, runs the worker with nothing but a Java
 * runtime (JAVA_HOME, a PATH of /usr/bin:/bin) against the local stack, and that worker carries a
 * whole deployment to LIVE.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PackagedWorkerEndToEndTest {
  private static LocalStackFixture fx;
  private static Process worker;
  private static Path state;

  @BeforeAll
  static void upStackAndPackagedWorker() throws Exception {
    state = LocalStackFixture.tempDir("bluegreen-e2e-package");
    fx = new LocalStackFixture(state, false);
    Path tarball = ReleasePackage.build(DevStack.defaultHome(), state.resolve("dist"));
    Path opt = Files.createDirectories(state.resolve("opt"));
    assertEquals(
        0,
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", opt.toString())
            .inheritIO()
            .start()
            .waitFor());
    Path root = opt.resolve("bluegreen-" + Version.get());
    Path config = state.resolve("etc-worker.json");
    Files.writeString(
        config,
        "{\"mongo\": {\"local\": {\"uri\": \""
            + fx.stack.mongoUri()
            + "\"}},"
            + " \"redis\": {\"local\": {\"uri\": \""
            + fx.stack.redisUri()
            + "\"}}}");
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("bin/bluegreen").toString(), "worker", "--config", config.toString())
            .directory(opt.toFile())
            .redirectErrorStream(true)
            .redirectOutput(state.resolve("packaged-worker.log").toFile());
    pb.environment().clear();
    pb.environment()
        .putAll(
            Map.of(
                "JAVA_HOME",
                System.getProperty("java.home"),
                "PATH",
                "/usr/bin:/bin",
                "TEMPORAL_ADDRESS",
                fx.stack.temporalAddress(),
                "TEMPORAL_NAMESPACE",
                "default"));
    worker = pb.start();
  }

  @AfterAll
  static void down() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor(40, TimeUnit.SECONDS);
      worker.destroyForcibly();
    }
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void thePackagedWorkerCarriesADeploymentToLive() throws Exception {
    new DemoPlatform(300, "127.0.0.1", fx.stack.ports().redis())
        .seed(fx.mongo, "packaged", "packaged_green");
    BlueGreenDeploymentWorkflow wf =
        fx.start(
            "bluegreen-packaged",
            new DeploymentRequest(
                "packaged-upgrade",
                new PlatformSpec("local", "packaged", "local", 0, "blue"),
                new PlatformSpec("local", "packaged_green", "local", 5, "green"),
                null,
                E2e.SWITCHES,
                new CopyOptions(100, 2, true),
                new ApprovalOptions("PT1H"),
                new CutoverOptions(null, "bluegreen:packaged", "PT2M").withTrafficRedisDb(8),
                "PT1H"));
    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(
        waiting.collections().stream().allMatch(c -> Boolean.TRUE.equals(c.match())),
        waiting.collections().toString());
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, "packaged", "blue", "startJobs", Duration.ofMillis(200))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e", "packaged worker"));
      assertEquals(Colour.GREEN, LocalStackFixture.awaitPhase(wf, Phase.LIVE).activeColour());
    }
    assertTrue(worker.isAlive(), "the packaged worker runs");
    String log = Files.readString(state.resolve("packaged-worker.log"));
    assertTrue(log.contains("worker started") && log.contains("activity=CopyCollection"), log);
    List<String> green = fx.collections("packaged_green");
    assertTrue(green.contains("workflows"), green.toString());
  }
}
