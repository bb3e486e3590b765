package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the {@code temporal} CLI: {@code BLUEGREEN_TEMPORAL_BIN}, then PATH, then {@code
 * <home>/.tools/bin/temporal}; installs it there with {@code go install} when go exists.
 */
final class TemporalBinary {
  static final String CLI_MODULE = "github.com/temporalio/cli/cmd/temporal@v1.5.1";

  private TemporalBinary() {}

  static Path toolsBin(Path home) {
    return home.resolve(".tools").resolve("bin");
  }

  /** The CLI, installing it if go is available; empty when neither exists. */
  static Optional<Path> findOrInstall(Path home, Consumer<String> out) {
    Optional<Path> found = find(home);
    if (found.isPresent()) {
      return found;
    }
    Optional<Path> go = ProcessSupervisor.onPath("go");
    if (go.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(install(home, go.get(), out));
  }

  static Optional<Path> find(Path home) {
    String fromEnv = System.getenv("BLUEGREEN_TEMPORAL_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path path = Path.of(fromEnv);
      if (!Files.isExecutable(path)) {
        throw new DevStackException(
            "BLUEGREEN_TEMPORAL_BIN=" + fromEnv + " is not an executable file");
      }
      return Optional.of(path);
    }
    Optional<Path> onPath = ProcessSupervisor.onPath("temporal");
    if (onPath.isPresent()) {
      return onPath;
    }
    Path tools = toolsBin(home).resolve("temporal");
    return Files.isExecutable(tools) ? Optional.of(tools) : Optional.empty();
  }

  private static Path install(Path home, Path go, Consumer<String> out) {
    Path bin = toolsBin(home);
    Path target = bin.resolve("temporal");
    Path log = home.resolve(".tools").resolve("go-install.log");
    try {
      Files.createDirectories(bin);
      // A lock, so that two `up`s (or a test run beside `dev up`) build it once, not twice.
      try (FileChannel channel =
              FileChannel.open(
                  home.resolve(".tools").resolve("install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.isExecutable(target)) {
          return target; // the other holder of the lock built it
        }
        out.accept(
            "installing the temporal CLI: GOBIN="
                + bin
                + " go install "
                + CLI_MODULE
                + " (takes a few minutes; log "
                + log
                + ")");
        ProcessBuilder builder =
            new ProcessBuilder(go.toString(), "install", CLI_MODULE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("GOBIN", bin.toString());
        int status = builder.start().waitFor();
        if (status != 0 || !Files.isExecutable(target)) {
          throw new DevStackException(
              "go install "
                  + CLI_MODULE
                  + " failed: "
                  + ProcessSupervisor.lastLine(log)
                  + " (log: "
                  + log
                  + ")");
        }
        out.accept("installed " + target);
        return target;
      }
    } catch (IOException e) {
      throw new DevStackException("cannot install the temporal CLI: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while installing the temporal CLI");
    }
  }
}
