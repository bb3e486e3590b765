package io.bluegreen.starter.commands;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import picocli.CommandLine.Command;

@Command(name = "rollback", description = "Roll traffic and workers back to Blue (LIVE).")
public final class RollbackCommand extends SignalCommand {
  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.ROLLBACK;
  }
}
