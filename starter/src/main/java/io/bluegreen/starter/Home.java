package io.bluegreen.starter;

import java.nio.file.Path;

/** The repository root the launcher runs from; the local stack keeps its state under it. */
public final class Home {
  private Home() {}

  public static Path get() {
    String env = System.getenv("BLUEGREEN_HOME");
    return Path.of(env == null || env.isBlank() ? "." : env).toAbsolutePath().normalize();
  }
}
