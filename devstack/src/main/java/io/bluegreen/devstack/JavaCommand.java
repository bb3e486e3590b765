package io.bluegreen.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that run one of our main classes in a new JVM: the same java binary and the same
 * class path as the current one, so the child sees exactly the code the parent was built with.
 */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(String mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
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
