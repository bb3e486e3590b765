package io.bluegreen.workflows;

import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.ABORT;
import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.APPROVE_CUTOVER;
import static io.bluegreen.workflows.BlueGreenDeploymentWorkflow.RESYNC;

import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * The deployment, phase by phase: PREFLIGHT → PROVISIONING → COPYING → VERIFYING ({@link
 * CopyAndVerify}) → AWAITING_APPROVAL (here) → CUTTING_OVER ({@link Cutover}) → LIVE ({@link
 * FailoverWindow}) → COMPLETED, or ROLLING_BACK → ROLLED_BACK ({@link BlueRestore}), ABORTED,
 * FAILED. Operator decisions are accepted in {@link DecisionInbox}.
 *
 * <p>A cancellation from Temporal acts as abort before the cutover and as rollback from it on; the
 * workflow then ends cancelled, with Blue serving.
 */
public class BlueGreenDeploymentWorkflowImpl implements BlueGreenDeploymentWorkflow {
  static final String FAILURE_TYPE = FailureTypes.DEPLOYMENT_FAILED;
  /** Who a rollback is recorded as when Green's health watch triggers it. */
  static final String HEALTH_GATE = FailoverWindow.HEALTH_GATE;
  /** Version marker: a drain timeout waits for the operator instead of returning to approval. */
  static final String DRAIN_TIMEOUT_ASKS_OPERATOR = "drain-timeout-asks-operator";
  /** Version marker: every collection verified in one activity. */
  static final String BATCHED_VERIFICATION = "batched-verification";
  /** Version marker: restores put Blue back first, then Green off, through {@link BlueRestore}. */
  static final String BLUE_FIRST_RESTORE = "blue-first-restore";
  /** Version marker: the drain decision waits {@code cutover.decisionTimeout}, not {@code approval.timeout}. */
  static final String DRAIN_DECISION_TIMEOUT = "drain-decision-timeout";
  /** Version marker: after an interrupted Blue switch, a restore turns Blue on once more when that attempt has run out. */
  static final String BLUE_REASSERTED = "blue-reasserted";
  /** Version marker: a failed cutover shows ROLLING_BACK while it restores Blue. */
  static final String FAILED_CUTOVER_ROLLS_BACK = "failed-cutover-rolls-back";
  /** Version marker: request URLs that seem to carry a token are refused. */
  static final String URL_TOKEN_CHECK = "url-token-check";
  /** Version marker: a baseline after the first verification, and three-way sync passes instead of re-verification. */
  static final String THREE_WAY_SYNC = "three-way-sync";

  private static final Logger log = Workflow.getLogger(BlueGreenDeploymentWorkflowImpl.class);

  private final DeploymentState state = new DeploymentState();
  private final DecisionInbox inbox = new DecisionInbox(state);
  private DeploymentRequest request;

  @Override
  public DeploymentStatus deploy(DeploymentRequest typed) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<String> problems = new java.util.ArrayList<>(RequestValidation.problems(typed));
    // Deployments started before the check of tokens in request URLs must replay as they ran.
    if (!problems.isEmpty() && problems.stream().anyMatch(UrlTokens::isTokenProblem)
        && Workflow.getVersion(URL_TOKEN_CHECK, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      problems.removeIf(UrlTokens::isTokenProblem);
    }
    if (!problems.isEmpty()) {
      state.start(typed == null || typed.deployment() == null ? workflowId : typed.deployment(), typed);
      throw fail("invalid request: " + String.join("; ", problems));
    }
    request = RequestDefaults.apply(typed, workflowId);
    state.start(request.deployment(), request);
    log.info("deployment={} started blue={} green={}", request.deployment(), CopyAndVerify.describe(request.blue()),
        CopyAndVerify.describe(request.green()));
    CopyAndVerify copy = new CopyAndVerify(request, state);
    Switchboard board = new Switchboard(request, state);
    try {
      if (beforeCutover(copy::prepareGreen)) {
        approveAndCutOver(copy, board);
      } else {
        aborted();
      }
      copy.close();
      return state.snapshot();
    } catch (CanceledFailure e) {
      if (!state.phase().isTerminal()) {
        state.phase(Phase.ABORTED, "cancelled from Temporal before the cutover (acts as abort): Blue untouched, Green left as it is");
      }
      copy.close();
      throw e;
    } catch (TemporalFailure e) {
      ApplicationFailure failure = fail(FailureMessages.root(e));
      copy.close();
      throw failure;
    }
  }

  /** AWAITING_APPROVAL, resyncs, and the cutover attempts, until the deployment ends. */
  private DeploymentStatus approveAndCutOver(CopyAndVerify copy, Switchboard board) {
    Cutover cutover = new Cutover(request, state, inbox, board, copy);
    while (true) {
      Duration timeout = Duration.parse(request.approval().timeout());
      state.phase(Phase.AWAITING_APPROVAL, "Green is ready for review; approval times out at "
          + Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(timeout));
      state.waitingFor("approveCutover, abort or resync (timeout " + request.approval().timeout() + ")");
      boolean decided = Timers.await(timeout, "approval timeout: abort if nobody approves",
          () -> inbox.has(APPROVE_CUTOVER) || inbox.has(ABORT) || inbox.has(RESYNC));
      if (inbox.has(ABORT)) {
        return aborted();
      }
      if (!decided) {
        state.phase(Phase.ABORTED, "no approval within " + request.approval().timeout()
            + ": deployment aborted; Blue untouched, Green left as it is");
        return state.snapshot();
      }
      if (inbox.has(RESYNC)) {
        OperatorSignal resync = inbox.take(RESYNC);
        if (!beforeCutover(() -> copy.resync(resync))) {
          return aborted();
        }
        continue;
      }
      switch (cutover.run(inbox.take(APPROVE_CUTOVER))) {
        case LIVE:
          return new FailoverWindow(request, state, inbox, board).run();
        case ABORTED:
        case ROLLED_BACK:
          return state.snapshot();
        case HALTED:
        default:
          break;
      }
    }
  }

  /**
   * Runs pre-cutover work so that an accepted abort cancels it. False when aborted; a cancellation
   * from Temporal propagates as {@link CanceledFailure}.
   */
  private boolean beforeCutover(Runnable work) {
    if (inbox.has(ABORT)) {
      return false;
    }
    try {
      inbox.runInterruptible(work);
      return !inbox.has(ABORT);
    } catch (TemporalFailure e) {
      if (Cutover.isCancellation(e)) {
        if (inbox.has(ABORT)) {
          return false;
        }
        if (CancellationScope.current().isCancelRequested()) {
          throw new CanceledFailure("cancelled from Temporal");
        }
      }
      throw e;
    }
  }

  private DeploymentStatus aborted() {
    OperatorSignal abort = inbox.get(ABORT);
    state.phase(Phase.ABORTED, "aborted by " + abort.by()
        + (abort.reason() == null ? "" : " (" + abort.reason() + ")")
        + ": Blue untouched, Green left as it is for inspection");
    return state.snapshot();
  }

  private ApplicationFailure fail(String message) {
    state.error(message);
    state.phase(Phase.FAILED, message);
    log.warn("deployment={} failed: {}", state.snapshot().deployment(), message);
    return ApplicationFailure.newNonRetryableFailure(message, FAILURE_TYPE, state.snapshot());
  }

  // ---- decisions (Updates and signals) and the query: all go through the inbox ----------------

  @Override
  public void approveCutover(OperatorSignal signal) {
    inbox.receive(APPROVE_CUTOVER, signal);
  }

  @Override
  public void rollback(OperatorSignal signal) {
    inbox.receive(ROLLBACK, signal);
  }

  @Override
  public void abort(OperatorSignal signal) {
    inbox.receive(ABORT, signal);
  }

  @Override
  public void resync(OperatorSignal signal) {
    inbox.receive(RESYNC, signal);
  }

  @Override
  public void finalizeDeployment(OperatorSignal signal) {
    inbox.receive(FINALIZE, signal);
  }

  @Override
  public DecisionResult approveCutoverDecision(OperatorSignal decision) {
    return inbox.receive(APPROVE_CUTOVER, decision);
  }

  @Override
  public void validateApproveCutover(OperatorSignal decision) {
    inbox.validate(APPROVE_CUTOVER, decision);
  }

  @Override
  public DecisionResult rollbackDecision(OperatorSignal decision) {
    return inbox.receive(ROLLBACK, decision);
  }

  @Override
  public void validateRollback(OperatorSignal decision) {
    inbox.validate(ROLLBACK, decision);
  }

  @Override
  public DecisionResult abortDecision(OperatorSignal decision) {
    return inbox.receive(ABORT, decision);
  }

  @Override
  public void validateAbort(OperatorSignal decision) {
    inbox.validate(ABORT, decision);
  }

  @Override
  public DecisionResult resyncDecision(OperatorSignal decision) {
    return inbox.receive(RESYNC, decision);
  }

  @Override
  public void validateResync(OperatorSignal decision) {
    inbox.validate(RESYNC, decision);
  }

  @Override
  public DecisionResult finalizeDecision(OperatorSignal decision) {
    return inbox.receive(FINALIZE, decision);
  }

  @Override
  public void validateFinalize(OperatorSignal decision) {
    inbox.validate(FINALIZE, decision);
  }

  @Override
  public DeploymentStatus status() {
    return state.snapshot();
  }
}
