package io.bluegreen.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Command lines that run one of our main classes in a new JVM: the same java binary and the same
 * class path as the current one, so the child sees exactly the code the parent was built with.
 */
public final class JavaCommand {
  /**
   * Every worker JVM takes it: out of memory, it exits, so Temporal retries its activities
   * elsewhere.
   */
  public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

  private JavaCommand() {}

  public static List<String> of(String mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * The current class path with every entry made absolute: children run in the state folder, where
   * a relative entry such as {@code target/classes} would name nothing.
   */
  static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String javaBinary() {
    // The current process's own binary first; java.home covers JVMs that do not report it.
    return ProcessHandle.current()
        .info()
        .command()
        .filter(c -> Files.isExecutable(Path.of(c)))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
