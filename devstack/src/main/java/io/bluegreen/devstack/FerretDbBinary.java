package io.bluegreen.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds FerretDB: {@code BLUEGREEN_FERRETDB_BIN}, then {@code <home>/.tools/bin/ferretdb}; builds
 * it there with go when missing. {@code go install} cannot be used: the module ships an empty
 * {@code build/version/version.txt}, and a binary built from it panics at start. So the module's
 * source is downloaded, copied to a writable folder, that file written, and {@code go build} run.
 * The launcher builds it the same way before the tests, so CI sees the build in its own log.
 */
public final class FerretDbBinary {
  static final String MODULE = "github.com/FerretDB/FerretDB";
  static final String VERSION = "v1.24.2";

  private FerretDbBinary() {}

  public static Path findOrBuild(Path home, Consumer<String> out) {
    String fromEnv = System.getenv("BLUEGREEN_FERRETDB_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path path = Path.of(fromEnv);
      if (!Files.isExecutable(path)) {
        throw new DevStackException(
            "BLUEGREEN_FERRETDB_BIN=" + fromEnv + " is not an executable file");
      }
      return path;
    }
    Path target = TemporalBinary.toolsBin(home).resolve("ferretdb");
    if (Files.isExecutable(target)) {
      return target;
    }
    Path go =
        findGo()
            .orElseThrow(
                () ->
                    new DevStackException(
                        "FerretDB is not built and go is not installed: install go (1.22+) or use"
                            + " the emulator (--mongo emulator)"));
    return build(home, go, target, out);
  }

  /** go on PATH, else the official tarball's place, which is often not on PATH. */
  private static Optional<Path> findGo() {
    Optional<Path> onPath = ProcessSupervisor.onPath("go");
    Path official = Path.of("/usr/local/go/bin/go");
    return onPath.isPresent() || !Files.isExecutable(official) ? onPath : Optional.of(official);
  }

  private static Path build(Path home, Path go, Path target, Consumer<String> out) {
    Path tools = home.resolve(".tools");
    Path log = tools.resolve("ferretdb-build.log");
    try {
      Files.createDirectories(target.getParent());
      // One build at a time: a second `up` (or a test beside `dev up`) waits and finds the binary.
      try (FileChannel channel =
              FileChannel.open(
                  tools.resolve("install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.isExecutable(target)) {
          return target;
        }
        out.accept(
            "building FerretDB " + VERSION + " with go (takes a few minutes; log " + log + ")");
        Path source = Path.of(moduleDir(go, log));
        Path work = Files.createTempDirectory(tools, "ferretdb-src");
        try {
          Path copy = work.resolve("ferretdb");
          copyTree(source, copy);
          Files.writeString(copy.resolve("build/version/version.txt"), VERSION + "\n");
          Path partial = target.resolveSibling("ferretdb.partial");
          run(
              List.of(
                  go.toString(), "build", "-trimpath", "-o", partial.toString(), "./cmd/ferretdb"),
              copy,
              log,
              "go build of FerretDB " + VERSION);
          // Moved into place only when whole, so an interrupted build never leaves a binary.
          Files.move(
              partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          FileTrees.delete(work);
        }
        out.accept("built " + target);
        return target;
      }
    } catch (IOException e) {
      throw new DevStackException("cannot build FerretDB: " + e.getMessage(), e);
    }
  }

  /** The module cache folder holding FerretDB's source ({@code go mod download -json}'s Dir). */
  private static String moduleDir(Path go, Path log) throws IOException {
    Path json = log.resolveSibling("ferretdb-module.json");
    ProcessBuilder builder =
        new ProcessBuilder(go.toString(), "mod", "download", "-json", MODULE + "@" + VERSION)
            .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectOutput(ProcessBuilder.Redirect.to(json.toFile()));
    int status = waitFor(builder.start());
    JsonNode module = new ObjectMapper().readTree(Files.readString(json, StandardCharsets.UTF_8));
    String dir = module == null ? "" : module.path("Dir").asText("");
    if (status != 0 || dir.isEmpty()) {
      String error = module == null ? "" : module.path("Error").asText("");
      throw new DevStackException(
          "go mod download "
              + MODULE
              + "@"
              + VERSION
              + " failed: "
              + (error.isEmpty() ? ProcessSupervisor.lastLine(log) : error)
              + " (log: "
              + log
              + ")");
    }
    return dir;
  }

  private static void run(List<String> command, Path dir, Path log, String what)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (waitFor(builder.start()) != 0) {
      throw new DevStackException(
          what + " failed: " + ProcessSupervisor.lastLine(log) + " (log: " + log + ")");
    }
  }

  private static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while building FerretDB");
    }
  }

  /** Copies the (read-only) module cache tree into files we may write. */
  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path dest = to.resolve(from.relativize(file).toString());
            Files.copy(file, dest);
            dest.toFile().setWritable(true, true);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
