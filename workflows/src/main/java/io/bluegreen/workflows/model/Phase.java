package io.bluegreen.workflows.model;

/** Where a deployment is. The last five are terminal. */
public enum Phase {
  PREFLIGHT,
  PROVISIONING,
  COPYING,
  VERIFYING,
  AWAITING_APPROVAL,
  CUTTING_OVER,
  LIVE,
  ROLLING_BACK,
  COMPLETED,
  ROLLED_BACK,
  ABORTED,
  FAILED;

  public boolean isTerminal() {
    return this == COMPLETED || this == ROLLED_BACK || this == ABORTED || this == FAILED;
  }
}
