package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.ConflictPolicy;
import io.bluegreen.workflows.model.OperatorSignal;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "resync",
    description =
        "Sync Green with Blue again (AWAITING_APPROVAL); resolves conflicts with --policy.")
public final class ResyncCommand extends SignalCommand {
  @Option(
      names = "--policy",
      paramLabel = "blue-wins|green-wins",
      description = "How every conflict is resolved: Blue's version or Green's.")
  String policy;

  @Option(
      names = "--collection-policy",
      paramLabel = "COLLECTION=blue-wins|green-wins",
      description =
          "How one collection's conflicts are resolved (repeatable); overrides --policy there.")
  Map<String, String> collectionPolicies = new LinkedHashMap<>();

  @Override
  String signalName() {
    return BlueGreenDeploymentWorkflow.RESYNC;
  }

  @Override
  OperatorSignal decision() {
    for (Map.Entry<String, String> e : collectionPolicies.entrySet()) {
      if (!ConflictPolicy.allows(e.getValue(), false)) {
        throw CliException.usage(
            "--collection-policy "
                + e.getKey()
                + "="
                + e.getValue()
                + ": use "
                + ConflictPolicy.choices(false));
      }
    }
    if (policy != null && !ConflictPolicy.allows(policy, false)) {
      throw CliException.usage("--policy " + policy + ": use " + ConflictPolicy.choices(false));
    }
    return new OperatorSignal(
        by, reason, policy, collectionPolicies.isEmpty() ? null : collectionPolicies);
  }
}
