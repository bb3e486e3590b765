package io.bluegreen.starter.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.starter.RequestReader;
import io.bluegreen.starter.Version;
import io.bluegreen.worker.WorkerConfig;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the release tarball, extracts it elsewhere and runs its bin/bluegreen with only a Java
 * runtime.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReleasePackageTest {
  @TempDir Path out;

  @Test
  void theTarballHoldsTheLauncherJarsExamplesAndUnitAndRunsWithOnlyJava() throws Exception {
    String version = Version.get();
    assertFalse(
        version.equals("unknown") || version.contains("${"), "version from the pom: " + version);

    Path tarball = ReleasePackage.build(DevStack.defaultHome(), out);
    assertEquals("bluegreen-" + version + ".tar.gz", tarball.getFileName().toString());

    Path extracted = Files.createDirectories(out.resolve("elsewhere"));
    assertEquals(
        0,
        run(
                List.of("tar", "-xzf", tarball.toString(), "-C", extracted.toString()),
                extracted,
                Map.of())
            .exit());
    Path root = extracted.resolve("bluegreen-" + version);
    assertTrue(Files.isExecutable(root.resolve("bin/bluegreen")), "bin/bluegreen is executable");
    String readme = Files.readString(root.resolve("README.md"));
    for (String step :
        List.of(
            "systemctl enable --now bluegreen-worker",
            "start --request",
            "approve ",
            "rollback ",
            "audit ")) {
      assertTrue(readme.contains(step), "the operator's README covers " + step);
    }
    try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
      List<Path> all = jars.toList();
      assertTrue(
          all.stream().allMatch(p -> p.toString().endsWith(".jar")), "only jars in lib: " + all);
      assertTrue(
          all.stream().anyMatch(ReleasePackageTest::holdsTheCli), "a jar holds the CLI: " + all);
      // What only the local stack runs stays out, though the JVM building the package (this test's)
      // has it.
      List<String> names = all.stream().map(p -> p.getFileName().toString()).toList();
      for (String devOnly :
          List.of(
              "bluegreen-devstack",
              "bluegreen-devtools",
              "bluegreen-simulated-platform",
              "mongo-java-server",
              "h2-",
              "temporal-testing",
              "temporal-test-server",
              "embedded-redis",
              "junit")) {
        assertTrue(
            names.stream().noneMatch(n -> n.startsWith(devOnly)),
            devOnly + " is not in the package: " + names);
      }
    }

    // The examples are valid as shipped: the worker configuration loads (its ${ENV} references
    // filled in) and the request passes the CLI's validation.
    WorkerConfig worker =
        WorkerConfig.load(root.resolve("etc/worker.example.json"), name -> "from-env");
    assertEquals(List.of("prod"), List.copyOf(worker.mongo().keySet()));
    assertEquals(9464, worker.metrics().port());
    DeploymentRequest request = RequestReader.read(root.resolve("etc/request.example.json"));
    assertEquals("itential_green", request.green().database());
    String unit = Files.readString(root.resolve("systemd/bluegreen-worker.service"));
    assertTrue(
        unit.contains(
            "ExecStart=/opt/bluegreen/bin/bluegreen worker --config /etc/bluegreen/worker.json"),
        unit);

    // Only a Java runtime: JAVA_HOME and a PATH without the source tree, Maven or the launcher.
    Result result =
        run(
            List.of(root.resolve("bin/bluegreen").toString(), "--version"),
            out,
            Map.of("JAVA_HOME", System.getProperty("java.home"), "PATH", "/usr/bin:/bin"));
    assertEquals(0, result.exit(), result.output());
    assertEquals("bluegreen " + version, result.output().strip());

    // The checkout's commands are not there, and the package says where to run them.
    Result demo =
        run(
            List.of(root.resolve("bin/bluegreen").toString(), "demo", "--auto-approve"),
            out,
            Map.of("JAVA_HOME", System.getProperty("java.home"), "PATH", "/usr/bin:/bin"));
    assertEquals(2, demo.exit(), demo.output());
    assertTrue(
        demo.output().contains("not in the release package")
            && demo.output().contains("./bluegreen demo"),
        demo.output());
    Result help =
        run(
            List.of(root.resolve("bin/bluegreen").toString(), "--help"),
            out,
            Map.of("JAVA_HOME", System.getProperty("java.home"), "PATH", "/usr/bin:/bin"));
    assertTrue(help.output().lines().anyMatch(l -> l.matches("\\s+approve\\s.*")), help.output());
    assertTrue(
        help.output().lines().noneMatch(l -> l.matches("\\s+(dev|demo|bench)\\s.*")),
        help.output());
  }

  private static boolean holdsTheCli(Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.getEntry("io/bluegreen/starter/BluegreenCli.class") != null
          && j.getEntry("io/bluegreen/starter/version.properties") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Path dir, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished: " + command);
    return new Result(p.exitValue(), output);
  }
}
