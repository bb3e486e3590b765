package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DecisionResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.DiffRequest;
import io.bluegreen.workflows.model.GreenChanges;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The deployment, as its phases: prepare Green ({@link CopyAndVerify}: PREFLIGHT → PROVISIONING →
 * COPYING → VERIFYING); then AWAITING_APPROVAL, a loop over decisions (resync, abort, approve →
 * {@link Cutover}); then the failover window ({@link FailoverWindow}, LIVE). Each phase returns a
 * {@link PhaseOutcome}; only {@link DeploymentEnd} sets the terminal phases (COMPLETED,
 * ROLLED_BACK, ABORTED, FAILED), after the one {@link Restore} of what the {@link UndoLog} holds.
 * Operator decisions are accepted in {@link DecisionInbox}; Green's changes since the cutover are
 * answered by {@link GreenLiveChanges} ({@code diff}, {@code carryBack}).
 *
 * <p>A cancellation, whether an accepted abort or rollback interrupting the running step or a
 * cancellation from Temporal, is classified in one place ({@link Interruptions}). From Temporal it
 * acts as abort before the cutover and as rollback from it on; the workflow then ends cancelled,
 * with Blue serving.
 */
public class BlueGreenDeploymentWorkflowImpl implements BlueGreenDeploymentWorkflow {
  private static final Logger log = Workflow.getLogger(BlueGreenDeploymentWorkflowImpl.class);

  private final DeploymentState state = new DeploymentState();
  private final DecisionInbox inbox = new DecisionInbox(state);
  private final UndoLog undo = new UndoLog();
  private ResolvedRequest request;
  private Switchboard board;
  private ThreeWaySync sync;
  private GreenLiveChanges greenChanges;
  private DeploymentEnd ending;
  private final Interruptions interruptions = new Interruptions(inbox, state);

  @Override
  public DeploymentStatus deploy(DeploymentRequest typed) {
    state.generation(Versions.deployment());
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<String> problems = RequestValidation.problems(typed);
    if (!problems.isEmpty()) {
      state.start(
          typed == null || typed.deployment() == null ? workflowId : typed.deployment(), typed);
      throw DeploymentEnd.fail(state, "invalid request: " + String.join("; ", problems));
    }
    request = ResolvedRequest.of(RequestDefaults.apply(typed, workflowId));
    state.start(request.deployment(), request.raw());
    log.info(
        "deployment={} started blue={} green={}",
        request.deployment(),
        CopyAndVerify.describe(request.blue()),
        CopyAndVerify.describe(request.green()));
    sync = new ThreeWaySync(request, state);
    board = new Switchboard(request.raw(), state, undo);
    greenChanges = new GreenLiveChanges(request, state, inbox, sync);
    ending = new DeploymentEnd(state, inbox, undo, board, sync, greenChanges);
    PhaseOutcome outcome;
    try {
      outcome =
          phases(
              new CopyAndVerify(request.raw(), state, sync),
              new Cutover(request, state, inbox, board, sync));
    } catch (TemporalFailure e) {
      outcome = interruptions.classify(e);
    }
    try {
      return ending.end(outcome);
    } finally {
      ending.closeBaseline(outcome); // done already, unless the end itself broke off
    }
  }

  /**
   * The plot: prepare Green; decisions until an approved cutover goes live; the failover window.
   */
  private PhaseOutcome phases(CopyAndVerify copy, Cutover cutover) {
    interruptible(
        () -> {
          index(); // inside the scope: an abort accepted meanwhile interrupts the question too
          copy.prepareGreen();
        });
    while (!inbox.has(Decision.ABORT) && !inbox.has(Decision.ROLLBACK)) {
      state.phase(
          Phase.AWAITING_APPROVAL,
          "Green is ready for review; approval times out at "
              + Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(request.approvalTimeout()));
      state.waitingFor(
          "approveCutover, abort or resync (timeout " + request.raw().approval().timeout() + ")");
      boolean decided =
          Timers.await(
              request.approvalTimeout(),
              "approval timeout: abort if nobody approves",
              () ->
                  inbox.has(Decision.APPROVE_CUTOVER)
                      || inbox.has(Decision.ABORT)
                      || inbox.has(Decision.RESYNC));
      if (inbox.has(Decision.ABORT)) {
        break;
      }
      if (!decided) {
        return PhaseOutcome.end(
            Phase.ABORTED, "no approval within " + request.raw().approval().timeout());
      }
      if (inbox.has(Decision.RESYNC)) {
        OperatorSignal resync = inbox.take(Decision.RESYNC);
        interruptible(() -> copy.resync(resync));
        continue;
      }
      OperatorSignal approval = inbox.take(Decision.APPROVE_CUTOVER);
      PhaseOutcome cut = interruptible(() -> cutover.run(approval));
      if (cut.next() == PhaseOutcome.Next.CONTINUE) {
        return new FailoverWindow(request, state, inbox).run();
      }
      if (cut.next() != PhaseOutcome.Next.HALT) {
        return cut;
      }
      PhaseOutcome halted = ending.restoreAfterHalt(cut.note());
      if (halted != null) {
        return halted;
      }
    }
    return interruptions.byDecision();
  }

  /**
   * Learns once, durably (an activity result), whether the namespace has bluegreen's search
   * attributes, unless the start carried them; from then on the workflow keeps them itself, so a
   * deployment started from the Temporal UI or any SDK is found by {@code ./bluegreen list}. A
   * failed question is not a failed deployment: it goes on unindexed and says so.
   */
  private void index() {
    if (!state.indexKnown()) {
      state.indexed(DeploymentIndex.ask(request.deployment()));
    }
  }

  /** Runs a phase so that an accepted abort or rollback cancels it (see {@link Interruptions}). */
  private PhaseOutcome interruptible(Runnable phase) {
    return interruptible(
        () -> {
          phase.run();
          return PhaseOutcome.proceed();
        });
  }

  private PhaseOutcome interruptible(Supplier<PhaseOutcome> phase) {
    PhaseOutcome[] outcome = new PhaseOutcome[1];
    inbox.runInterruptible(() -> outcome[0] = phase.get());
    if (inbox.has(Decision.ABORT) || inbox.has(Decision.ROLLBACK)) {
      // Accepted as the phase completed, before its cancellation could reach anything.
      return interruptions.byDecision();
    }
    return outcome[0];
  }

  // ---- decisions (Updates and signals) and the query: all go through the inbox ----------------

  @Override
  public void approveCutover(OperatorSignal signal) {
    inbox.receive(Decision.APPROVE_CUTOVER, signal);
  }

  @Override
  public void rollback(OperatorSignal signal) {
    inbox.receive(Decision.ROLLBACK, signal);
  }

  @Override
  public void abort(OperatorSignal signal) {
    inbox.receive(Decision.ABORT, signal);
  }

  @Override
  public void resync(OperatorSignal signal) {
    inbox.receive(Decision.RESYNC, signal);
  }

  @Override
  public void finalizeDeployment(OperatorSignal signal) {
    inbox.receive(Decision.FINALIZE, signal);
  }

  @Override
  public void carryBack(OperatorSignal signal) {
    inbox.receive(Decision.CARRY_BACK, signal);
  }

  @Override
  public DecisionResult approveCutoverDecision(OperatorSignal decision) {
    return inbox.receive(Decision.APPROVE_CUTOVER, decision);
  }

  @Override
  public void validateApproveCutover(OperatorSignal decision) {
    inbox.validate(Decision.APPROVE_CUTOVER, decision);
  }

  @Override
  public DecisionResult rollbackDecision(OperatorSignal decision) {
    return inbox.receive(Decision.ROLLBACK, decision);
  }

  @Override
  public void validateRollback(OperatorSignal decision) {
    inbox.validate(Decision.ROLLBACK, decision);
  }

  @Override
  public DecisionResult abortDecision(OperatorSignal decision) {
    return inbox.receive(Decision.ABORT, decision);
  }

  @Override
  public void validateAbort(OperatorSignal decision) {
    inbox.validate(Decision.ABORT, decision);
  }

  @Override
  public DecisionResult resyncDecision(OperatorSignal decision) {
    return inbox.receive(Decision.RESYNC, decision);
  }

  @Override
  public void validateResync(OperatorSignal decision) {
    inbox.validate(Decision.RESYNC, decision);
  }

  @Override
  public DecisionResult finalizeDecision(OperatorSignal decision) {
    return inbox.receive(Decision.FINALIZE, decision);
  }

  @Override
  public void validateFinalize(OperatorSignal decision) {
    inbox.validate(Decision.FINALIZE, decision);
  }

  @Override
  public DecisionResult carryBackDecision(OperatorSignal decision) {
    return inbox.receive(Decision.CARRY_BACK, decision);
  }

  @Override
  public void validateCarryBack(OperatorSignal decision) {
    inbox.validate(Decision.CARRY_BACK, decision);
  }

  @Override
  public GreenChanges diff(DiffRequest request) {
    return greenChanges.answer(request);
  }

  @Override
  public void validateDiff(DiffRequest request) {
    if (greenChanges == null) {
      throw new IllegalArgumentException("the deployment has not started");
    }
    greenChanges.validate(request);
  }

  @Override
  public DeploymentStatus status() {
    return state.snapshot();
  }
}
