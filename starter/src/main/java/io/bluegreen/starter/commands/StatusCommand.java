package io.bluegreen.starter.commands;

import io.bluegreen.starter.Json;
import io.bluegreen.starter.NextSteps;
import io.bluegreen.starter.StatusReader;
import io.bluegreen.starter.StatusTable;
import io.bluegreen.starter.StatusView;
import io.bluegreen.starter.Temporal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    description = "Show a deployment's phase, collections, approvals and events.")
public final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Option(names = "--json", description = "Print the status query's JSON.")
  boolean json;

  @Override
  public Integer call() {
    StatusView view = new StatusReader(Temporal.connect()).read(id);
    if (json) {
      System.out.println(Json.pretty(view.status()));
      if (view.note() != null) {
        System.err.println("note: " + view.note());
      }
      return 0;
    }
    System.out.print(StatusTable.render(view));
    var next = NextSteps.forPhase(view.status() == null ? null : view.status().phase(), id);
    System.out.println();
    System.out.println("  next: " + String.join("\n        ", next));
    return 0;
  }
}
