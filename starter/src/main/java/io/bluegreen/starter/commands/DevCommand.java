package io.bluegreen.starter.commands;

import io.bluegreen.devstack.DevStack;
import io.bluegreen.devstack.PieceStatus;
import io.bluegreen.starter.Home;
import io.bluegreen.starter.TextTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dev", description = "The local stack: up, down or status (Temporal dev server, MongoDB-wire server, Redis, worker).")
public final class DevCommand implements Callable<Integer> {
  enum Action { up, down, status }

  @Parameters(paramLabel = "up|down|status", description = "What to do.")
  Action action;

  @Override
  public Integer call() {
    DevStack stack = DevStack.local(Home.get());
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

  public static String table(List<PieceStatus> pieces) {
    TextTable t = new TextTable("piece", "pid", "address", "running", "note");
    for (PieceStatus p : pieces) {
      t.row(p.piece(), p.pid() < 0 ? "-" : p.pid(), p.address(), p.running() ? "yes" : "no", p.note());
    }
    return t.render("");
  }

  static void printEnv(DevStack stack) {
    System.out.println();
    System.out.println("Temporal UI: http://127.0.0.1:8233");
    System.out.println("To use this stack from another shell:");
    System.out.println("  export TEMPORAL_ADDRESS=" + stack.temporalAddress());
    System.out.println("  export TEMPORAL_NAMESPACE=default");
    System.out.println("Worker connections are named 'local' (config " + stack.workerConfig() + ").");
  }
}
