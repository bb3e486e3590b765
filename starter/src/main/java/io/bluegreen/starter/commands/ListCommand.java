package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliEncryption;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.ListQuery;
import io.bluegreen.starter.Temporal;
import io.bluegreen.starter.TextTable;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List deployments (workflows of type BlueGreenDeployment).")
public final class ListCommand implements Callable<Integer> {
  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "At most this many, newest first. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description = "Only deployments in this phase (search attribute BlueGreenPhase).")
  String phase;

  @Option(
      names = "--deployment",
      paramLabel = "NAME",
      description = "Only deployments with this label (search attribute BlueGreenDeployment).")
  String deployment;

  @Override
  public Integer call() {
    // With payload encryption the label is indexed as its keyed pseudonym (see StartCommand).
    var encryption = CliEncryption.settings();
    List<String> indexed =
        deployment == null
            ? null
            : encryption.map(e -> Pseudonyms.all(e.keys(), deployment)).orElse(List.of(deployment));
    String query = ListQuery.buildAnyOf(phase, indexed);
    List<WorkflowExecutionMetadata> runs;
    try {
      runs = Temporal.connect().listExecutions(query).limit(limit).toList();
    } catch (RuntimeException e) {
      throw filterFailure(e, query);
    }
    if (runs.isEmpty()) {
      System.out.println(
          phase == null && deployment == null
              ? "no deployments yet: start one with ./bluegreen start --request FILE (or ./bluegreen demo)"
              : "no deployment matches " + query);
      return 0;
    }
    TextTable t =
        new TextTable("workflow id", "deployment", "phase", "status", "started", "closed");
    for (WorkflowExecutionMetadata m : runs) {
      var attrs = m.getTypedSearchAttributes();
      String label = orEmpty(attrs.get(SearchAttributes.DEPLOYMENT));
      t.row(
          m.getExecution().getWorkflowId(),
          indexed != null && indexed.contains(label) ? deployment : label,
          orEmpty(attrs.get(SearchAttributes.PHASE)),
          m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
          m.getStartTime(),
          m.getCloseTime() == null ? "" : m.getCloseTime());
    }
    System.out.print(t.render(""));
    return 0;
  }

  /** A filter on an unregistered attribute is the server's INVALID_ARGUMENT; say how to fix it. */
  private static RuntimeException filterFailure(RuntimeException e, String query) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return new CliException(
            "Temporal refused the query "
                + query
                + ": "
                + s.getStatus().getDescription()
                + " (register the search attributes: temporal operator search-attribute create --name BlueGreenPhase"
                + " --type Keyword, and the same for BlueGreenDeployment)",
            e);
      }
    }
    return Temporal.translate(e);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
