package io.bluegreen.starter.commands;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import picocli.CommandLine.Command;

@Command(name = "abort", description = "Stop the deployment before cutover; Blue is untouched.")
public final class AbortCommand extends SignalCommand {
  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.ABORT;
  }
}
