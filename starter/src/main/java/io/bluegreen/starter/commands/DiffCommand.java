package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.starter.GreenChangesView;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.StatusReader;
import io.bluegreen.starter.StatusView;
import io.bluegreen.starter.Temporal;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Green's changes since the cutover. While the deployment runs, the workflow compares Green with
 * the final pass's baseline now (the {@code diff} Update runs one bounded activity and answers
 * counts and capped ids); once it has ended, the last comparison is read from its result.
 */
@Command(
    name = "diff",
    description =
        "Show what was done on Green since the cutover: per collection, documents created, changed and deleted, with ids (compared now while LIVE or while a rollback waits; after, the last comparison).")
public final class DiffCommand implements Callable<Integer> {
  /** A comparison reads every document of Green: give it time, and say so when it takes longer. */
  private static final Duration ANSWER_WAIT = Duration.ofMinutes(10);

  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Option(names = "--json", description = "Print the comparison's JSON.")
  boolean json;

  @Option(
      names = "--last",
      description = "Show the last comparison without comparing again (no work on Green).")
  boolean last;

  @Override
  public Integer call() {
    WorkflowClient client = Temporal.connect();
    StatusView view = new StatusReader(client).read(id);
    GreenChanges changes = view.status() == null ? null : view.status().greenChanges();
    String note = view.note();
    if ("RUNNING".equals(view.executionStatus())) {
      try {
        changes = ask(client);
        note = null;
      } catch (CliException refused) {
        if (changes == null) {
          throw refused;
        }
        note = refused.getMessage() + "; showing the last comparison";
      }
    }
    if (changes == null) {
      throw new CliException(
          "no comparison of Green for "
              + id
              + ": Green's changes are compared from LIVE on (the deployment "
              + (view.status() == null ? "has no status" : "is " + view.status().phase())
              + ")");
    }
    if (json) {
      System.out.println(Json.pretty(changes));
    } else {
      System.out.print(GreenChangesView.render(changes));
    }
    if (note != null) {
      System.err.println("note: " + note);
    }
    return 0;
  }

  private GreenChanges ask(WorkflowClient client) {
    try {
      return CompletableFuture.supplyAsync(
              () ->
                  client
                      .newUntypedWorkflowStub(id)
                      .update(
                          BlueGreenDeploymentWorkflow.DIFF,
                          GreenChanges.class,
                          new DiffRequest(!last)))
          .get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliException(
          "no answer within "
              + ANSWER_WAIT.toMinutes()
              + " minutes (is a worker running? a very large Green takes longer: see ./bluegreen status "
              + id
              + " once it is done)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the comparison", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WorkflowUpdateException u) {
        Throwable why = u.getCause();
        throw new CliException(
            "diff refused: "
                + (why instanceof ApplicationFailure af
                    ? af.getOriginalMessage()
                    : String.valueOf(why == null ? u.getMessage() : why.getMessage())),
            u);
      }
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
  }
}
