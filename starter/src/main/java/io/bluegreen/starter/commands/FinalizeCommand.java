package io.bluegreen.starter.commands;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import picocli.CommandLine.Command;

@Command(name = "finalize", description = "End the failover window; Green stays live (LIVE).")
public final class FinalizeCommand extends SignalCommand {
  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.FINALIZE;
  }
}
