package io.bluegreen.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The operator's decisions. Their words are the Update and signal names of {@link
 * BlueGreenDeploymentWorkflow} (where annotations need them as constants), and the same in JSON and
 * the status.
 */
public enum Decision {
  APPROVE_CUTOVER(BlueGreenDeploymentWorkflow.APPROVE_CUTOVER),
  ROLLBACK(BlueGreenDeploymentWorkflow.ROLLBACK),
  ABORT(BlueGreenDeploymentWorkflow.ABORT),
  RESYNC(BlueGreenDeploymentWorkflow.RESYNC),
  FINALIZE(BlueGreenDeploymentWorkflow.FINALIZE),
  CARRY_BACK(BlueGreenDeploymentWorkflow.CARRY_BACK);

  private final String wire;

  Decision(String wire) {
    this.wire = wire;
  }

  /** The Update and signal name, e.g. {@code approveCutover}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Decision of(String wire) {
    for (Decision d : values()) {
      if (d.wire.equals(wire)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown decision '" + wire + "'");
  }

  @Override
  public String toString() {
    return wire;
  }
}
