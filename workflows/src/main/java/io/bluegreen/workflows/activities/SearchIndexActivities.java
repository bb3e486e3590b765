package io.bluegreen.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Asks Temporal whether the namespace indexes deployments: a deployment started by any client (the
 * Temporal UI's form, the {@code temporal} CLI, another SDK) carries no search attributes, so the
 * workflow sets them itself once it knows the server accepts them. An activity, so the answer is
 * recorded in history and replay agrees with it.
 */
@ActivityInterface
public interface SearchIndexActivities {
  /**
   * Whether {@code BlueGreenDeployment} and {@code BlueGreenPhase} are registered as Keyword search
   * attributes of the namespace, and the value to index the deployment's label under (the label, or
   * its keyed pseudonym when the worker encrypts payloads, as {@code ./bluegreen start} does).
   */
  @ActivityMethod(name = "DescribeSearchIndex")
  SearchIndexResult describeSearchIndex(SearchIndexInput input);
}
