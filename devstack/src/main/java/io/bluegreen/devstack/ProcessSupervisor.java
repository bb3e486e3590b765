package io.bluegreen.devstack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Spawns detached processes with a log file and a pid file, finds them again from the pid file in a
 * later JVM, waits for their ports and stops them. Knows nothing about what the processes are.
 */
final class ProcessSupervisor {
  static final String LOOPBACK = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private ProcessSupervisor() {}

  /**
   * Starts {@code command} in its own session (so closing the terminal or ending the launching JVM
   * does not take it down), stdin from /dev/null, stdout+stderr appended to {@code log}, and
   * records its pid in {@code pidFile}.
   */
  static ProcessHandle spawn(
      List<String> command, Map<String, String> env, Path log, Path pidFile) {
    List<String> full = new ArrayList<>();
    // setsid execs the command in place (a forked child is never a group leader), so the pid we
    // record is the server's own pid, not a wrapper's.
    Optional<Path> setsid = onPath("setsid");
    setsid.ifPresent(p -> full.add(p.toString()));
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(log.getParent().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      appendLine(log, "---- " + Instant.now() + " starting: " + describe(command));
      Process process = builder.start();
      ProcessHandle handle = process.toHandle();
      writePidFile(pidFile, handle);
      return handle;
    } catch (IOException e) {
      throw new DevStackException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** The command line for the log, without the class path, which runs to pages. */
  private static String describe(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      shown.set(cp + 1, "<" + shown.get(cp + 1).split(File.pathSeparator).length + " entries>");
    }
    return String.join(" ", shown);
  }

  /**
   * The live process recorded in {@code pidFile}, if any. The start time is recorded beside the pid
   * so that a recycled pid (after a reboot, say) is not mistaken for our process.
   */
  static Optional<ProcessHandle> recorded(Path pidFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
      long pid = Long.parseLong(parts[0]);
      Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (handle.isPresent() && parts.length > 1) {
        Optional<Instant> started = handle.get().info().startInstant();
        if (started.isPresent() && started.get().toEpochMilli() != Long.parseLong(parts[1])) {
          return Optional.empty();
        }
      }
      return handle;
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable pid file names no process of ours
    }
  }

  private static void writePidFile(Path pidFile, ProcessHandle handle) throws IOException {
    String started = handle.info().startInstant().map(i -> " " + i.toEpochMilli()).orElse("");
    Files.writeString(pidFile, handle.pid() + started + "\n", StandardCharsets.UTF_8);
  }

  /** Whether something accepts TCP connections on 127.0.0.1:port. */
  static boolean portAnswers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code ready} holds, failing fast with the log's last line when the process dies
   * first, and with a timeout message otherwise.
   */
  static void await(
      String what, ProcessHandle process, Path log, Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw new DevStackException(
            what + " exited during startup: " + lastLine(log) + " (log: " + log + ")");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DevStackException(
            what + " did not become ready within " + timeout.toSeconds() + "s (log: " + log + ")");
      }
      sleep(200);
    }
  }

  /** SIGTERM, then SIGKILL after a grace period; returns once the process is gone. */
  static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitForExit(process, STOP_GRACE)) {
      process.destroyForcibly();
      waitForExit(process, Duration.ofSeconds(5));
    }
  }

  /** SIGKILL at once: a crash, as the crash tests need it. */
  static void kill(ProcessHandle process) {
    process.destroyForcibly();
    waitForExit(process, Duration.ofSeconds(5));
  }

  private static boolean waitForExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** The first executable called {@code name} on PATH. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The last non-blank line of a log, read from its tail so big logs cost nothing. */
  static String lastLine(Path log) {
    List<String> lines = tail(log, 4096);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "(empty log)";
  }

  /** The lines of the last {@code bytes} bytes of a file. */
  static List<String> tail(Path log, int bytes) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - bytes);
      file.seek(start);
      byte[] buffer = new byte[(int) (file.length() - start)];
      file.readFully(buffer);
      return List.of(new String(buffer, StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      return List.of();
    }
  }

  static void appendLine(Path file, String line) throws IOException {
    Files.writeString(
        file,
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting");
    }
  }
}
