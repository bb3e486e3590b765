package io.bluegreen.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;
import redis.embedded.util.IO;

/**
 * Finds a {@code redis-server}: {@code BLUEGREEN_REDIS_BIN}, then PATH, else the binary that
 * embedded-redis ships inside its jar, copied into the state folder (embedded-redis's own
 * extraction goes to a temp folder deleted at JVM exit, but our server outlives this JVM).
 */
final class RedisBinary {
  private RedisBinary() {}

  /** The binary and whether it is the embedded fallback. */
  record Found(Path path, boolean embedded) {}

  static Found find(Path stateDir) {
    String fromEnv = System.getenv("BLUEGREEN_REDIS_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path path = Path.of(fromEnv);
      if (!Files.isExecutable(path)) {
        throw new DevStackException(
            "BLUEGREEN_REDIS_BIN=" + fromEnv + " is not an executable file");
      }
      return new Found(path, false);
    }
    Optional<Path> onPath = ProcessSupervisor.onPath("redis-server");
    return onPath.map(p -> new Found(p, false)).orElseGet(() -> new Found(extract(stateDir), true));
  }

  private static Path extract(Path stateDir) {
    OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
    String resource = ExecutableProvider.newProvidedVersionsMap().get(platform);
    if (resource == null) {
      throw new DevStackException(
          "no redis-server on PATH and embedded-redis ships none for "
              + platform.os
              + "/"
              + platform.arch
              + "; install Redis 6+");
    }
    String fileName = resource.substring(resource.lastIndexOf('/') + 1);
    Path target = stateDir.resolve("bin").resolve(fileName);
    if (Files.isExecutable(target)) {
      return target;
    }
    try (InputStream in = IO.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new DevStackException("embedded-redis jar lacks " + resource);
      }
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(fileName + ".part");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      partial.toFile().setExecutable(true);
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new DevStackException("cannot extract embedded redis-server: " + e.getMessage(), e);
    }
  }
}
