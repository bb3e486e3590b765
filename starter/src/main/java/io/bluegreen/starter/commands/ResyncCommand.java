package io.bluegreen.starter.commands;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import picocli.CommandLine.Command;

@Command(name = "resync", description = "Re-verify and copy what changed on Blue (AWAITING_APPROVAL).")
public final class ResyncCommand extends SignalCommand {
  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.RESYNC;
  }
}
