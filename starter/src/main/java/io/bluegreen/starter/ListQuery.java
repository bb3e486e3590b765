package io.bluegreen.starter;

import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.model.Phase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The visibility query behind {@code ./bluegreen list}: deployments, optionally by phase and name.
 */
public final class ListQuery {
  private ListQuery() {}

  public static String build(String phase, String deployment) {
    return buildAnyOf(phase, deployment == null ? null : List.of(deployment));
  }

  /**
   * @param deployments the label's indexed forms (with encryption: its pseudonym under each key)
   */
  public static String buildAnyOf(String phase, List<String> deployments) {
    StringBuilder q =
        new StringBuilder("WorkflowType = ")
            .append(quote(BlueGreenDeploymentWorkflow.WORKFLOW_TYPE));
    if (phase != null) {
      q.append(" AND ")
          .append(SearchAttributes.PHASE.getName())
          .append(" = ")
          .append(quote(phase(phase).name()));
    }
    if (deployments != null && deployments.size() == 1) {
      q.append(" AND ")
          .append(SearchAttributes.DEPLOYMENT.getName())
          .append(" = ")
          .append(quote(deployments.get(0)));
    } else if (deployments != null) {
      q.append(" AND ")
          .append(SearchAttributes.DEPLOYMENT.getName())
          .append(" IN (")
          .append(String.join(", ", deployments.stream().map(ListQuery::quote).toList()))
          .append(")");
    }
    return q.toString();
  }

  /** A phase as typed, in any case; anything else is a usage error listing the phases. */
  static Phase phase(String typed) {
    try {
      return Phase.valueOf(typed.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "unknown phase '" + typed + "': use one of " + Arrays.toString(Phase.values()));
    }
  }

  /**
   * Visibility queries quote strings with single quotes; a quote inside is escaped with a
   * backslash.
   */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
