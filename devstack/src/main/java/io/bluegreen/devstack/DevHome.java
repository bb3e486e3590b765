package io.bluegreen.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bluegreen home: the checkout (or unpacked release) holding the {@code bluegreen} launcher,
 * where the local stack's tools ({@code .tools/bin}) and, for {@code ./bluegreen dev}, its state
 * folder live.
 */
final class DevHome {
  private DevHome() {}

  /**
   * {@code BLUEGREEN_HOME} when set (the launcher sets it), else the nearest folder above the
   * working directory holding the {@code bluegreen} launcher (Maven runs tests in a module folder),
   * else the working directory.
   */
  static Path find() {
    String env = System.getenv("BLUEGREEN_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bluegreen"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    return cwd;
  }
}
