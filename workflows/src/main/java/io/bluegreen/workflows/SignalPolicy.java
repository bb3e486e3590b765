package io.bluegreen.workflows;

import static io.bluegreen.workflows.model.Phase.AWAITING_APPROVAL;
import static io.bluegreen.workflows.model.Phase.COPYING;
import static io.bluegreen.workflows.model.Phase.LIVE;
import static io.bluegreen.workflows.model.Phase.PREFLIGHT;
import static io.bluegreen.workflows.model.Phase.PROVISIONING;
import static io.bluegreen.workflows.model.Phase.VERIFYING;

import io.bluegreen.workflows.model.Phase;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which operator signal fits which phase. A signal that does not fit changes nothing; the note
 * returned here is recorded as the reason it was rejected, so it says what would fit instead.
 */
public final class SignalPolicy {
  private static final Set<Phase> ABORTABLE =
      EnumSet.of(PREFLIGHT, PROVISIONING, COPYING, VERIFYING, AWAITING_APPROVAL);

  private SignalPolicy() {}

  /** Null when {@code signal} is accepted in {@code phase}, else why it is rejected. */
  public static String rejection(String signal, Phase phase) {
    return rejection(signal, phase, false);
  }

  /**
   * As {@link #rejection(String, Phase)}, where {@code drainTimedOut} says the cutover stopped
   * because Blue's jobs did not finish in time and waits for the operator: then approveCutover
   * forces the cutover, and abort or rollback turn Blue's startJobs back on.
   */
  public static String rejection(String signal, Phase phase, boolean drainTimedOut) {
    if (phase.isTerminal()) {
      return "the deployment has ended (" + phase + ")";
    }
    if (drainTimedOut && phase == Phase.CUTTING_OVER
        && (signal.equals(BlueGreenDeploymentWorkflow.APPROVE_CUTOVER) || signal.equals(BlueGreenDeploymentWorkflow.ABORT)
            || signal.equals(BlueGreenDeploymentWorkflow.ROLLBACK))) {
      return null;
    }
    switch (signal) {
      case BlueGreenDeploymentWorkflow.APPROVE_CUTOVER:
        return phase == AWAITING_APPROVAL
            ? null
            : "approveCutover is accepted only in AWAITING_APPROVAL; the deployment is in " + phase;
      case BlueGreenDeploymentWorkflow.RESYNC:
        return phase == AWAITING_APPROVAL
            ? null
            : "resync is accepted only in AWAITING_APPROVAL; the deployment is in " + phase;
      case BlueGreenDeploymentWorkflow.ABORT:
        if (ABORTABLE.contains(phase)) {
          return null;
        }
        return phase == LIVE
            ? "abort is not possible after cutover: Green is live; send rollback to return to Blue"
            : "abort is not possible in " + phase + ": Blue's switches are changing; wait for LIVE and send rollback";
      case BlueGreenDeploymentWorkflow.ROLLBACK:
        return phase == LIVE
            ? null
            : "rollback is accepted only in LIVE (after cutover); the deployment is in " + phase
                + (ABORTABLE.contains(phase) ? ": Blue is still live, send abort to stop" : "");
      case BlueGreenDeploymentWorkflow.FINALIZE:
        return phase == LIVE
            ? null
            : "finalize is accepted only in LIVE (after cutover); the deployment is in " + phase;
      default:
        return "unknown signal " + signal;
    }
  }
}
