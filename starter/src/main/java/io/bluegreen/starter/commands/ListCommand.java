package io.bluegreen.starter.commands;

import io.bluegreen.starter.TextTable;
import io.bluegreen.starter.Temporal;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List deployments (workflows of type BlueGreenDeployment).")
public final class ListCommand implements Callable<Integer> {
  @Option(names = "--limit", defaultValue = "50", description = "At most this many, newest first. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() {
    List<WorkflowExecutionMetadata> runs =
        Temporal.connect()
            .listExecutions("WorkflowType='" + BlueGreenDeploymentWorkflow.WORKFLOW_TYPE + "'")
            .limit(limit)
            .toList();
    if (runs.isEmpty()) {
      System.out.println("no deployments yet: start one with ./bluegreen start --request FILE (or ./bluegreen demo)");
      return 0;
    }
    TextTable t = new TextTable("workflow id", "status", "started", "closed", "run id");
    for (WorkflowExecutionMetadata m : runs) {
      t.row(m.getExecution().getWorkflowId(), m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
          m.getStartTime(), m.getCloseTime() == null ? "" : m.getCloseTime(), m.getExecution().getRunId());
    }
    System.out.print(t.render(""));
    return 0;
  }
}
