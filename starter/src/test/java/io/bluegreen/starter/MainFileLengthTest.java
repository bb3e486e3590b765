package io.bluegreen.starter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No main source file over 300 lines (as google-java-format lays it out, which the build enforces):
 * past that a file holds more than one thing of the domain and a reader no longer finds a thing in
 * one step, so it is split along the domain's seams. It walks every module from the repository
 * root, so a new module is covered without being listed here.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MainFileLengthTest {
  private static final int MAX_LINES = 300;

  @Test
  void noMainSourceFileIsOverThreeHundredLines() throws IOException {
    Path root = repositoryRoot();
    TreeMap<String, Integer> tooLong = new TreeMap<>();
    for (Path file : mainSources(root)) {
      String name = root.relativize(file).toString().replace('\\', '/');
      int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
      if (lines > MAX_LINES) {
        tooLong.put(name, lines);
      }
    }
    StringBuilder names = new StringBuilder();
    tooLong.forEach((name, lines) -> names.append("\n  ").append(name).append(" (" + lines + ")"));
    assertTrue(
        tooLong.isEmpty(),
        "main source files over "
            + MAX_LINES
            + " lines, to split along the domain's seams:"
            + names);
  }

  /** Every {@code src/main/**}{@code /*.java} of every module; build output and tools skipped. */
  private static List<Path> mainSources(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals("target"));
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = root.relativize(file).toString().replace('\\', '/');
            if (name.endsWith(".java") && ("/" + name).contains("/src/main/")) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    assertTrue(found.size() > 100, "found only " + found.size() + " main sources under " + root);
    return found;
  }

  /** The folder holding the launcher and the parent pom; Maven runs this test in starter/. */
  private static Path repositoryRoot() {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bluegreen"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + cwd);
  }
}
