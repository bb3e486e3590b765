package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One process of the local stack: where its pid file and log live, whether it runs, how to start
 * and stop it. Subclasses say only how to launch the process and how to tell it is ready.
 */
abstract class Piece {
  /** A piece without a port (the worker) uses this. */
  static final int NO_PORT = -1;

  protected final String name;
  protected final Path stateDir;
  protected final Consumer<String> out;

  Piece(String name, Path stateDir, Consumer<String> out) {
    this.name = name;
    this.stateDir = stateDir;
    this.out = out;
  }

  String name() {
    return name;
  }

  abstract int port();

  /** What clients connect to, e.g. {@code 127.0.0.1:7233} or a URI. */
  abstract String address();

  /** What this piece is, for {@code dev status}. */
  abstract String note();

  /** Launches the process; does not wait for it. */
  protected abstract ProcessHandle launch();

  /** Blocks until the freshly launched process serves, or throws. */
  protected abstract void awaitReady(ProcessHandle process);

  Path pidFile() {
    return stateDir.resolve(name + ".pid");
  }

  Path log() {
    return stateDir.resolve(name + ".log");
  }

  Optional<ProcessHandle> process() {
    return ProcessSupervisor.recorded(pidFile());
  }

  /** Ours and serving: the recorded process is alive and (for servers) its port answers. */
  boolean running() {
    return process().isPresent() && (port() == NO_PORT || ProcessSupervisor.portAnswers(port()));
  }

  /** One line when the port is held by a process that is not ours, else empty. */
  Optional<String> conflict() {
    if (port() == NO_PORT || process().isPresent() || !ProcessSupervisor.portAnswers(port())) {
      return Optional.empty();
    }
    return Optional.of(
        "port "
            + port()
            + " ("
            + name
            + ") is already taken by a process that this stack did not start; stop it or use other ports");
  }

  /** Starts the piece unless it already runs; returns whether it started it. */
  boolean ensureUp() {
    if (running()) {
      return false;
    }
    conflict()
        .ifPresent(
            line -> {
              throw new DevStackException(line);
            });
    // Alive but not answering: hung or half-started; a clean restart is the only sure way back.
    process().ifPresent(ProcessSupervisor::stop);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new DevStackException("cannot create " + stateDir + ": " + e.getMessage(), e);
    }
    ProcessHandle started = launch();
    try {
      awaitReady(started);
    } catch (RuntimeException e) {
      // Leave nothing half-started behind: the next up starts from a clean slate.
      ProcessSupervisor.stop(started);
      deletePidFile();
      throw e;
    }
    out.accept("started " + name + " (pid " + started.pid() + ") at " + address());
    return true;
  }

  void stop() {
    process()
        .ifPresent(
            p -> {
              ProcessSupervisor.stop(p);
              out.accept("stopped " + name + " (pid " + p.pid() + ")");
            });
    deletePidFile();
  }

  /** SIGKILL without ceremony: what a crash looks like to the rest of the stack. */
  void kill() {
    process().ifPresent(ProcessSupervisor::kill);
    deletePidFile();
  }

  PieceStatus status() {
    Optional<ProcessHandle> process = process();
    boolean running = running();
    String note = note();
    if (process.isEmpty()) {
      note = conflict().map(c -> "port taken by another process; ").orElse("") + note;
    } else if (!running) {
      note = "process alive but not answering; " + note;
    }
    return new PieceStatus(
        name, process.map(ProcessHandle::pid).orElse(-1L), address(), running, note);
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      // A stale pid file is harmless: recorded() checks that its process is alive and ours.
    }
  }
}
