package io.bluegreen.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.WorkerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's worker configuration is one the worker accepts, with an allowlist and no secret in it.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DemoWorkerConfigTest {
  @Test
  void theWorkerLoadsItWithTheDemoApisAllowedAndThePasswordOnlyInItsEnvironment(@TempDir Path dir)
      throws Exception {
    Path file =
        DemoWorkerConfig.write(
            dir.resolve("demo-worker.json"),
            "mongodb://127.0.0.1:27017",
            "redis://127.0.0.1:6379",
            URI.create("http://127.0.0.1:4001"),
            URI.create("http://127.0.0.1:4002"));

    WorkerConfig config =
        WorkerConfig.load(
            file, name -> name.equals(DemoWorkerConfig.PASSWORD_ENV) ? "s3cret-demo" : null);

    assertEquals(
        List.of("http://127.0.0.1:4001", "http://127.0.0.1:4002"),
        config.policy().allowedUrls().stream().map(Object::toString).toList(),
        "an allowlist, so the worker does not warn that a request may make it call any URL");
    String text = Files.readString(file);
    assertTrue(text.contains("${" + DemoWorkerConfig.PASSWORD_ENV + "}"));
    assertFalse(text.contains("s3cret-demo"));
  }
}
