package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.starter.StatusReader;
import io.bluegreen.starter.Temporal;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.SignalRecord;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sends one operator signal and reports whether the workflow accepted it: a signal that does not
 * fit the phase changes nothing, and the operator must not walk away believing otherwise.
 */
abstract class SignalCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who sends the signal (for the audit).")
  String by;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (for the audit).")
  String reason;

  /** The signal name from the workflow contract. */
  abstract String signalName();

  @Override
  public Integer call() {
    if (by.isBlank() || reason.isBlank()) {
      throw CliException.usage("--by and --reason must not be empty: they are the audit trail");
    }
    WorkflowClient client = Temporal.connect();
    StatusReader reader = new StatusReader(client);
    Optional<DeploymentStatus> before = reader.tryQuery(id);
    try {
      client.newUntypedWorkflowStub(id).signal(signalName(), new OperatorSignal(by, reason));
    } catch (WorkflowNotFoundException e) {
      throw new CliException("no running deployment with ID '" + id + "' (it may have ended: ./bluegreen audit " + id + ")", e);
    }
    System.out.println("sent " + signalName() + " to " + id);
    Optional<SignalRecord> outcome = awaitRecord(reader, before);
    if (outcome.isEmpty()) {
      System.out.println("not yet acknowledged: no worker answered in time; check with ./bluegreen status " + id);
      return 0;
    }
    SignalRecord r = outcome.get();
    if (r.accepted()) {
      System.out.println("accepted" + (r.note() != null && !r.note().isBlank() ? ": " + r.note() : ""));
      return 0;
    }
    System.out.println("rejected: " + (r.note() == null ? "the workflow did not accept it in phase " + r.phase() : r.note()));
    return 1;
  }

  private Optional<SignalRecord> awaitRecord(StatusReader reader, Optional<DeploymentStatus> before) {
    int approvalsBefore = before.map(s -> size(s.approvals())).orElse(0);
    int rejectionsBefore = before.map(s -> size(s.rejections())).orElse(0);
    long deadline = System.currentTimeMillis() + 6000;
    try {
      // A worker usually handles a signal within a second or two.
      Thread.sleep(1000);
      while (System.currentTimeMillis() < deadline) {
        Optional<DeploymentStatus> s = reader.tryQuery(id);
        if (s.isPresent()) {
          Optional<SignalRecord> r = newRecord(s.get().approvals(), approvalsBefore)
              .or(() -> newRecord(s.get().rejections(), rejectionsBefore));
          if (r.isPresent()) {
            return r;
          }
        }
        Thread.sleep(700);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** Our signal among the records added since the count taken before sending. */
  private Optional<SignalRecord> newRecord(List<SignalRecord> records, int before) {
    if (records == null) {
      return Optional.empty();
    }
    for (int i = before; i < records.size(); i++) {
      SignalRecord r = records.get(i);
      if (signalName().equalsIgnoreCase(String.valueOf(r.signal())) && by.equals(r.by()) && reason.equals(r.reason())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
