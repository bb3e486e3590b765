package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.starter.Temporal;
import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.OperatorSignal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sends one operator decision as a Temporal Update and prints the workflow's answer: accepted, or
 * rejected with the reason. A decision that does not fit the phase changes nothing, and the
 * operator must not walk away believing otherwise; the answer comes back synchronously, so nothing
 * is polled.
 */
abstract class SignalCommand implements Callable<Integer> {
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Option(
      names = "--by",
      required = true,
      paramLabel = "NAME",
      description = "Who decides (for the audit).")
  String by;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why (for the audit).")
  String reason;

  /** The decision's name from the workflow contract (the Update's and the signal's). */
  abstract String signalName();

  /** The decision's argument; resync adds its conflict policies. */
  OperatorSignal decision() {
    return new OperatorSignal(by, reason);
  }

  @Override
  public Integer call() {
    if (by.isBlank() || reason.isBlank()) {
      throw CliException.usage("--by and --reason must not be empty: they are the audit trail");
    }
    WorkflowClient client = Temporal.connect();
    OperatorSignal decision = decision();
    DecisionResult result;
    try {
      // The worker answers within a second; with no worker running the Update waits on Temporal,
      // and the operator is told so instead of staring at a silent terminal.
      result =
          CompletableFuture.supplyAsync(
                  () ->
                      client
                          .newUntypedWorkflowStub(id)
                          .update(signalName(), DecisionResult.class, decision))
              .get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.out.println(
          "no answer within "
              + ANSWER_WAIT.toSeconds()
              + "s: is a worker running? The "
              + signalName()
              + " is held by Temporal until one is; check with ./bluegreen status "
              + id);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
    if (result.accepted()) {
      System.out.println(
          signalName()
              + " accepted in "
              + result.phase()
              + (result.note() == null ? "" : ": " + result.note()));
      return 0;
    }
    System.out.println(signalName() + " rejected in " + result.phase() + ": " + result.note());
    return 1;
  }

  private RuntimeException unwrap(Throwable failure) {
    try {
      throw failure;
    } catch (WorkflowNotFoundException e) {
      throw new CliException(
          "no running deployment with ID '"
              + id
              + "' (it may have ended: ./bluegreen audit "
              + id
              + ")",
          e);
    } catch (WorkflowUpdateException e) {
      // The workflow's validator refused the decision before recording anything: a malformed one.
      Throwable cause = e.getCause();
      String why =
          cause instanceof ApplicationFailure af
              ? af.getOriginalMessage()
              : String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
      return new CliException(signalName() + " refused: " + why, e);
    } catch (RuntimeException e) {
      return e;
    } catch (Throwable e) {
      return new IllegalStateException(e);
    }
  }
}
