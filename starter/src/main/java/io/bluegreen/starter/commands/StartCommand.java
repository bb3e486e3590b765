package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliEncryption;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.RequestReader;
import io.bluegreen.starter.Temporal;
import io.bluegreen.starter.Watcher;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.TaskQueues;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Start a deployment from a JSON request file.")
public final class StartCommand implements Callable<Integer> {
  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "The deployment request (JSON).")
  Path request;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description =
          "Workflow ID (default bluegreen-<blue database>; with payload encryption, bluegreen-<keyed pseudonym of it>).")
  String id;

  @Option(names = "--watch", description = "Follow the deployment until it ends.")
  boolean watch;

  @Override
  public Integer call() {
    DeploymentRequest req = RequestReader.read(request);
    String workflowId = id != null ? id : defaultId(req);
    WorkflowClient client = Temporal.connect();
    start(client, req, workflowId);
    System.out.println("started deployment " + workflowId);
    System.out.println("  follow it:   ./bluegreen watch " + workflowId);
    System.out.println(
        "  approve it:  ./bluegreen approve " + workflowId + " --by NAME --reason TEXT");
    if (watch) {
      return Watcher.forTerminal(client, workflowId).run();
    }
    return 0;
  }

  public static String defaultId(DeploymentRequest req) {
    return defaultId(req, CliEncryption.settings());
  }

  /**
   * One ID per Blue database, so a second deployment of it is refused while one runs. Temporal
   * stores workflow IDs in the clear, so with encryption the database name is replaced by its keyed
   * pseudonym.
   */
  public static String defaultId(DeploymentRequest req, Optional<EncryptionSettings> encryption) {
    String db = req.blue().database();
    return "bluegreen-" + encryption.map(e -> Pseudonyms.current(e.keys(), db)).orElse(db);
  }

  /** Starts the workflow; a deployment of the same Blue already running is one clear line. */
  public static void start(WorkflowClient client, DeploymentRequest req, String workflowId) {
    start(client, req, workflowId, CliEncryption.settings());
  }

  /**
   * @param encryption the payload keys, for the search attribute's pseudonym; empty: plain label
   */
  public static void start(
      WorkflowClient client,
      DeploymentRequest req,
      String workflowId,
      Optional<EncryptionSettings> encryption) {
    if (workflowId.equals(defaultId(req, encryption))) {
      refuseIfRunningUnderAnotherKey(client, req, workflowId, encryption);
    }
    WorkflowOptions withAttributes =
        options(req, workflowId).toBuilder()
            .setTypedSearchAttributes(searchAttributes(req, workflowId, encryption))
            .build();
    try {
      startWith(client, req, workflowId, withAttributes);
    } catch (WorkflowServiceException e) {
      if (!rejectsSearchAttributes(e)) {
        throw e;
      }
      // A server without bluegreen's search attributes registered refuses the start; the
      // deployment does not need them, only `list --phase/--deployment` and UI filters do.
      System.err.println(
          "note: Temporal does not know the search attributes "
              + SearchAttributes.DEPLOYMENT.getName()
              + " and "
              + SearchAttributes.PHASE.getName()
              + "; starting without them (register them with "
              + "`temporal operator search-attribute create --name BlueGreenDeployment --type Keyword` and the same for "
              + "BlueGreenPhase to filter with ./bluegreen list)");
      startWith(client, req, workflowId, options(req, workflowId));
    }
  }

  static io.temporal.common.SearchAttributes searchAttributes(
      DeploymentRequest req, String workflowId) {
    return searchAttributes(req, workflowId, Optional.empty());
  }

  /**
   * Search attributes are indexed, never encoded: with encryption the label is stored as its keyed
   * pseudonym, which {@code list --deployment LABEL} computes again to filter.
   */
  static io.temporal.common.SearchAttributes searchAttributes(
      DeploymentRequest req, String workflowId, Optional<EncryptionSettings> encryption) {
    String label =
        req.deployment() == null || req.deployment().isBlank() ? workflowId : req.deployment();
    return io.temporal.common.SearchAttributes.newBuilder()
        .set(
            SearchAttributes.DEPLOYMENT,
            encryption.map(e -> Pseudonyms.current(e.keys(), label)).orElse(label))
        .set(SearchAttributes.PHASE, Phase.PREFLIGHT.name())
        .build();
  }

  /** The server's answer to an unregistered search attribute is INVALID_ARGUMENT naming it. */
  static boolean rejectsSearchAttributes(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && String.valueOf(s.getStatus().getDescription())
              .toLowerCase(Locale.ROOT)
              .contains("search attribute")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The default ID of a Blue changes when the current key does (or when encryption is switched on),
   * so Temporal's one-ID-at-a-time no longer refuses a second deployment of that Blue: look for one
   * running under the Blue's ID of every other key, and under its plain ID.
   */
  private static void refuseIfRunningUnderAnotherKey(
      WorkflowClient client,
      DeploymentRequest req,
      String workflowId,
      Optional<EncryptionSettings> encryption) {
    if (encryption.isEmpty()) {
      return;
    }
    String db = req.blue().database();
    List<String> others = new ArrayList<>();
    others.add("bluegreen-" + db);
    Pseudonyms.all(encryption.get().keys(), db).forEach(p -> others.add("bluegreen-" + p));
    others.remove(workflowId);
    for (String other : others) {
      WorkflowExecutionStatus status;
      try {
        status = client.newUntypedWorkflowStub(other).describe().getStatus();
      } catch (WorkflowNotFoundException e) {
        continue;
      } catch (WorkflowServiceException e) {
        if (e.getCause() instanceof StatusRuntimeException s
            && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
          continue;
        }
        throw e;
      }
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new CliException(
            "a deployment of Blue database '"
                + db
                + "' is already running: "
                + other
                + " (started under another encryption key or before encryption was on; see ./bluegreen status "
                + other
                + ")");
      }
    }
  }

  private static void startWith(
      WorkflowClient client, DeploymentRequest req, String workflowId, WorkflowOptions options) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(BlueGreenDeploymentWorkflow.WORKFLOW_TYPE, options);
    try {
      stub.start(req);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliException(
          "a deployment of Blue database '"
              + req.blue().database()
              + "' is already running: "
              + workflowId
              + " (see ./bluegreen status "
              + workflowId
              + ")",
          e);
    }
  }

  private static WorkflowOptions options(DeploymentRequest req, String workflowId) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.BLUE_GREEN)
        .setWorkflowId(workflowId)
        // One deployment of a Blue at a time, but a new one may follow a closed one.
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary(summary(req))
        .setStaticDetails(details(req))
        .build();
  }

  static String summary(DeploymentRequest req) {
    return (req.deployment() != null ? req.deployment() + ": " : "")
        + "Blue "
        + req.blue().database()
        + " -> Green "
        + req.green().database();
  }

  static String details(DeploymentRequest req) {
    return "Blue-green deployment"
        + (req.deployment() != null ? " **" + req.deployment() + "**" : "")
        + "\n\n"
        + "- Blue: "
        + platform(req.blue())
        + "\n"
        + "- Green: "
        + platform(req.green())
        + "\n\n"
        + "Signals (argument `{\"by\": \"name\", \"reason\": \"why\"}`): approveCutover, abort, resync before "
        + "cutover; rollback, finalize when LIVE. Query `status` for progress.";
  }

  private static String platform(PlatformSpec p) {
    return "MongoDB `"
        + p.mongo()
        + "` database `"
        + p.database()
        + "`, Redis `"
        + p.redis()
        + "` db "
        + p.redisDb()
        + ", profile `"
        + p.profile()
        + "`";
  }
}
