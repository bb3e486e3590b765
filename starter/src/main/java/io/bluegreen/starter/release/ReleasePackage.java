package io.bluegreen.starter.release;

import io.bluegreen.starter.CliException;
import io.bluegreen.starter.Version;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The release tarball {@code bluegreen-VERSION.tar.gz}: everything a machine with only a Java 17
 * runtime needs to run the CLI and the worker.
 *
 * <pre>
 * bluegreen-VERSION/
 *   bin/bluegreen                      the CLI (java -cp lib/*)
 *   lib/*.jar                          bluegreen's modules and every runtime dependency
 *   etc/worker.example.json            a worker configuration (connections, ${ENV} secrets, metrics)
 *   etc/request.example.json           a deployment request
 *   systemd/bluegreen-worker.service   the worker as a service
 *   README.md                          the operator's guide (packaging/README.md)
 *   docs/                              the reference pages of the source tree's docs/
 * </pre>
 *
 * The jars are the operator CLI's runtime class path — starter's classes and the class path Maven
 * wrote for it ({@code starter/target/classpath.txt}) — and nothing else: not the class path of the
 * JVM that builds the package, which in a checkout also holds devtools and the local stack
 * (mongo-java-server, embedded Redis, the Temporal test server). A class folder of ours (a module's
 * target/classes) is packed into a jar of its module's name. The templates and the operator's
 * README come from {@code packaging/} in the source tree.
 */
public final class ReleasePackage {
  private ReleasePackage() {}

  /**
   * The operator CLI's runtime class path in the source tree {@code home}: starter's classes, then
   * every entry of the class path file the build wrote for it.
   */
  public static List<Path> operatorClassPath(Path home) {
    Path starter = home.resolve("starter/target");
    Path listed = starter.resolve("classpath.txt");
    if (!Files.isRegularFile(listed) || !Files.isDirectory(starter.resolve("classes"))) {
      throw CliException.usage(
          "no build of starter in "
              + home
              + " ("
              + listed
              + "): build the checkout first (./bluegreen --version builds it)");
    }
    List<Path> out = new ArrayList<>();
    out.add(starter.resolve("classes"));
    try {
      for (String entry : Files.readString(listed).strip().split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          out.add(Path.of(entry).toAbsolutePath().normalize());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + listed + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Builds the tarball in {@code outDir} from the source tree {@code home}; returns its path. */
  public static Path build(Path home, Path outDir) {
    return build(home, operatorClassPath(home), outDir);
  }

  static Path build(Path home, List<Path> classPath, Path outDir) {
    Path templates = home.resolve("packaging");
    if (!Files.isDirectory(templates)) {
      throw CliException.usage(
          "no packaging/ folder in " + home + ": run package from a bluegreen source checkout");
    }
    String version = Version.get();
    String name = "bluegreen-" + version;
    try {
      Files.createDirectories(outDir);
      Path staging = Files.createTempDirectory(outDir, "package-");
      try {
        Path root = staging.resolve(name);
        copyTree(templates, root);
        root.resolve("bin/bluegreen").toFile().setExecutable(true, false);
        Path docs = home.resolve("docs");
        if (Files.isDirectory(docs)) {
          copyTree(docs, root.resolve("docs"));
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        Set<String> names = new HashSet<>();
        for (Path entry : classPath) {
          if (Files.isDirectory(entry)) {
            jarFolder(entry, lib.resolve(unique(names, moduleJarName(entry, version))));
          } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            Files.copy(entry, lib.resolve(unique(names, entry.getFileName().toString())));
          }
        }
        Path tarball = outDir.resolve(name + ".tar.gz");
        run(List.of("tar", "-czf", tarball.toString(), "-C", staging.toString(), name));
        return tarball;
      } finally {
        deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot build the package in " + outDir + ": " + e.getMessage(), e);
    }
  }

  /** {@code .../starter/target/classes} becomes {@code bluegreen-starter-VERSION.jar}. */
  static String moduleJarName(Path classes, String version) {
    Path target = classes.getParent();
    Path module = target == null ? null : target.getParent();
    String base =
        module == null ? classes.getFileName().toString() : module.getFileName().toString();
    return "bluegreen-" + base + "-" + version + ".jar";
  }

  private static String unique(Set<String> names, String name) {
    String candidate = name;
    for (int i = 2; !names.add(candidate); i++) {
      candidate = name.replace(".jar", "-" + i + ".jar");
    }
    return candidate;
  }

  private static void jarFolder(Path folder, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String entry = folder.relativize(p).toString().replace(File.separatorChar, '/');
        if (entry.isEmpty() || entry.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          out.putNextEntry(new JarEntry(entry + "/"));
        } else {
          out.putNextEntry(new JarEntry(entry));
          Files.copy(p, out);
        }
        out.closeEntry();
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running tar");
    }
  }
}
