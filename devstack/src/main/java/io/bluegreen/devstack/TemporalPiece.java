package io.bluegreen.devstack;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Temporal service of the local stack: the real {@code temporal server start-dev} with its
 * state in a SQLite file, or, only where neither the CLI nor go exists, the SDK's in-memory test
 * server ({@link DevTemporalTestServer}).
 */
final class TemporalPiece extends Piece {
  static final String NAMESPACE = "default";
  private static final String TEST_SERVER = "java-test-server";

  private final Path home;
  private final int port;
  private final int uiPort;

  TemporalPiece(Path stateDir, Path home, int port, int uiPort, Consumer<String> out) {
    super("temporal", stateDir, out);
    this.home = home;
    this.port = port;
    this.uiPort = uiPort;
  }

  @Override
  int port() {
    return port;
  }

  @Override
  String address() {
    return ProcessSupervisor.LOOPBACK + ":" + port;
  }

  @Override
  String note() {
    String binary = recordedBinary();
    if (TEST_SERVER.equals(binary)) {
      return "WARNING: Java test server (in memory; cannot resume workflows after a worker restart)";
    }
    return "temporal dev server, UI http://"
        + ProcessSupervisor.LOOPBACK
        + ":"
        + uiPort
        + ", data in "
        + dbFile()
        + (binary.isEmpty() ? "" : ", " + binary);
  }

  Path dbFile() {
    return stateDir.resolve("temporal.db");
  }

  /**
   * Which server the last launch ran, recorded in a file beside the pid file: a later JVM cannot
   * tell from the process alone (Linux may not report a java process's arguments).
   */
  private String recordedBinary() {
    try {
      return Files.readString(binaryFile()).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private boolean runsTestServer() {
    return TEST_SERVER.equals(recordedBinary());
  }

  private Path binaryFile() {
    return stateDir.resolve("temporal.binary");
  }

  @Override
  protected ProcessHandle launch() {
    Optional<Path> cli = TemporalBinary.findOrInstall(home, out);
    List<String> command;
    if (cli.isPresent()) {
      command =
          List.of(
              cli.get().toString(),
              "server",
              "start-dev",
              "--ip",
              ProcessSupervisor.LOOPBACK,
              "--port",
              String.valueOf(port),
              "--ui-port",
              String.valueOf(uiPort),
              "--db-filename",
              dbFile().toString(),
              // bluegreen's custom search attributes (io.bluegreen.workflows.SearchAttributes), so
              // `list --phase` and the UI can filter; registering them again on restart is a no-op.
              "--search-attribute",
              "BlueGreenDeployment=Keyword",
              "--search-attribute",
              "BlueGreenPhase=Keyword",
              "--log-level",
              "warn");
    } else {
      out.accept(
          "WARNING: neither the temporal CLI nor go is installed; starting the Java test server,"
              + " which keeps nothing on disk and cannot resume workflows after a worker restart");
      command =
          JavaCommand.of(
              DevTemporalTestServer.class.getName(),
              List.of("-Dlogback.configurationFile=bluegreen-devstack-logback.xml"),
              List.of(String.valueOf(port)));
    }
    try {
      Files.writeString(
          binaryFile(), (cli.isPresent() ? cli.get().toString() : TEST_SERVER) + "\n");
    } catch (IOException e) {
      throw new DevStackException("cannot write " + binaryFile() + ": " + e.getMessage(), e);
    }
    return ProcessSupervisor.spawn(command, Map.of(), log(), pidFile());
  }

  @Override
  protected void awaitReady(ProcessHandle process) {
    Duration timeout = Duration.ofSeconds(120);
    ProcessSupervisor.await(
        "temporal", process, log(), timeout, () -> ProcessSupervisor.portAnswers(port));
    if (runsTestServer()) {
      return; // the test server serves any namespace once its port is open
    }
    // The dev server registers the namespace "default" itself, but the gRPC port opens first; a
    // worker started
    // in that gap would fail, so wait until the namespace answers.
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    try {
      ProcessSupervisor.await("temporal", process, log(), timeout, () -> namespaceAnswers(stubs));
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static boolean namespaceAnswers(WorkflowServiceStubs stubs) {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
