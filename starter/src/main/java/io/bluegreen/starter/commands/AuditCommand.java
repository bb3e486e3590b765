package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.starter.StatusReader;
import io.bluegreen.starter.Temporal;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "audit",
    description =
        "Report a deployment from its workflow history: timeline, decisions, counts, digests.")
public final class AuditCommand implements Callable<Integer> {
  enum Format {
    md,
    json,
    html
  }

  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Option(
      names = "--format",
      defaultValue = "md",
      description =
          "md (Markdown), json, or html (one self-contained file with a picture of the phases). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    WorkflowClient client = Temporal.connect();
    WorkflowExecutionHistory history;
    try {
      history = client.fetchHistory(id);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new CliException("no deployment with ID '" + id + "' (see ./bluegreen list)", e);
      }
      throw Temporal.translate(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new CliException("no deployment with ID '" + id + "' (see ./bluegreen list)", e);
      }
      throw e;
    }
    StatusReader reader = new StatusReader(client);
    var info = reader.describe(id).getWorkflowExecutionInfo();
    boolean closed = info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    // A closed run's result decides acceptance; a running one can only say if a worker answers.
    Optional<DeploymentStatus> live = closed ? Optional.empty() : reader.tryQuery(id);
    AuditReport report =
        AuditReport.from(history, client.getOptions().getDataConverter(), live)
            .withRunId(info.getExecution().getRunId());
    System.out.print(
        switch (format) {
          case json -> report.toJson() + "\n";
          case html -> report.toHtml();
          case md -> report.toMarkdown();
        });
    return 0;
  }
}
