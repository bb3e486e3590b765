package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.OperatorSignal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "carry-back",
    description =
        "Carry Green's changes since the cutover of the named collections back to Blue (LIVE: applied right after a rollback; after a rollback from LIVE: now). A document Blue also changed is listed, never overwritten. See ./bluegreen diff first.")
public final class CarryBackCommand extends SignalCommand {
  @Option(
      names = "--collection",
      required = true,
      paramLabel = "NAME",
      description = "A collection whose Green changes go back to Blue (repeatable).")
  List<String> collections = new ArrayList<>();

  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.CARRY_BACK;
  }

  @Override
  OperatorSignal decision() {
    if (collections.stream().anyMatch(String::isBlank)) {
      throw CliException.usage("--collection must name a collection");
    }
    return new OperatorSignal(by, reason, null, null, List.copyOf(collections));
  }
}
