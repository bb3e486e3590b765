package io.bluegreen.starter.commands;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import picocli.CommandLine.Command;

@Command(name = "approve", description = "Approve the cutover to Green (AWAITING_APPROVAL).")
public final class ApproveCommand extends SignalCommand {
  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.APPROVE_CUTOVER;
  }
}
