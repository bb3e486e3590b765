package io.bluegreen.devtools;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.devstack.PieceStatus;
import io.bluegreen.starter.Home;
import io.bluegreen.starter.TextTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "dev",
    description =
        "The local stack: up, down or status (Temporal dev server, MongoDB-wire server, Redis, worker).")
public final class DevCommand implements Callable<Integer> {
  enum Action {
    up,
    down,
    status
  }

  @Parameters(paramLabel = "up|down|status", description = "What to do.")
  Action action;

  @Option(
      names = "--mongo",
      paramLabel = "emulator|ferretdb",
      description =
          "With up: the MongoDB-wire server, `emulator` (mongo-java-server, in memory; the default)"
              + " or `ferretdb` (FerretDB 1.24.2 on SQLite, disk-backed; built with go on first use).")
  String mongo;

  @Override
  public Integer call() {
    DevStack stack = stack(Home.get(), mongo);
    switch (action) {
      case up -> {
        stack.up(true);
        System.out.print(table(stack.status()));
        printEnv(stack);
      }
      case down -> {
        stack.down();
        System.out.println("local stack stopped");
      }
      case status -> System.out.print(table(stack.status()));
    }
    return 0;
  }

  /** The dev stack on the named backend, or on the one it last ran (emulator when never run). */
  static DevStack stack(Path home, String mongo) {
    return mongo == null ? DevStack.local(home) : DevStack.local(home, MongoBackend.parse(mongo));
  }

  public static String table(List<PieceStatus> pieces) {
    TextTable t = new TextTable("piece", "pid", "address", "running", "note");
    for (PieceStatus p : pieces) {
      t.row(
          p.piece(),
          p.pid() < 0 ? "-" : p.pid(),
          p.address(),
          p.running() ? "yes" : "no",
          p.note());
    }
    return t.render("");
  }

  static void printEnv(DevStack stack) {
    System.out.println();
    System.out.println("Temporal UI: http://127.0.0.1:8233");
    System.out.println("To use this stack from another shell:");
    System.out.println("  export TEMPORAL_ADDRESS=" + stack.temporalAddress());
    System.out.println("  export TEMPORAL_NAMESPACE=default");
    System.out.println(
        "Worker connections are named 'local' (config " + stack.workerConfig() + ").");
  }
}
