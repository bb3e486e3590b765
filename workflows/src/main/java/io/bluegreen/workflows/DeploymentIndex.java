package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.SearchIndexInput;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.bluegreen.workflows.model.Phase;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a deployment findable by {@link SearchAttributes#DEPLOYMENT} and {@link
 * SearchAttributes#PHASE} however it was started. An upsert of an attribute the namespace has not
 * registered fails every workflow task, so the workflow sets them only when it knows they exist:
 * from its start (the attributes it carried, as {@code ./bluegreen start} passes them) or from the
 * one {@link io.bluegreen.workflows.activities.SearchIndexActivities} answer. Both are in history,
 * so replay decides the same.
 */
final class DeploymentIndex {
  private boolean startedWithDeployment;
  private boolean phaseIndexed;

  /**
   * Asks the worker (an activity, so the answer is in history). A failed question is an unindexed
   * deployment, not a failed one; a cancellation still cancels.
   */
  static SearchIndexResult ask(String label) {
    try {
      return ActivityStubs.searchIndex().describeSearchIndex(new SearchIndexInput(label));
    } catch (ActivityFailure e) {
      if (FailureMessages.isCancellation(e)) {
        throw e;
      }
      return SearchIndexResult.notRegistered(
          "could not ask Temporal about its search attributes (" + FailureMessages.root(e) + ")");
    }
  }

  /** What the start carried. */
  void started() {
    startedWithDeployment =
        Workflow.getTypedSearchAttributes().containsKey(SearchAttributes.DEPLOYMENT);
    phaseIndexed = Workflow.getTypedSearchAttributes().containsKey(SearchAttributes.PHASE);
  }

  /** Whether the start already carried both attributes: then there is nothing to ask. */
  boolean known() {
    return startedWithDeployment && phaseIndexed;
  }

  /**
   * The namespace's answer: when registered, sets what the start did not carry (the phase as it is
   * now). Returns null, or what to tell the operator when the deployment stays unindexed.
   */
  String learnt(SearchIndexResult answer, Phase current) {
    if (!answer.registered()) {
      return phaseIndexed
          ? null
          : "not indexed for search: "
              + answer.note()
              + "; ./bluegreen list --phase/--deployment and the Temporal UI's"
              + " filters on "
              + SearchAttributes.PHASE.getName()
              + " will not find this deployment (register them: "
              + "temporal operator search-attribute create --name "
              + SearchAttributes.DEPLOYMENT.getName()
              + " --type Keyword, and the same for "
              + SearchAttributes.PHASE.getName()
              + ")";
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    if (!startedWithDeployment && answer.deploymentValue() != null) {
      updates.add(SearchAttributes.DEPLOYMENT.valueSet(answer.deploymentValue()));
    }
    if (!phaseIndexed) {
      updates.add(SearchAttributes.PHASE.valueSet(current.name()));
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
    startedWithDeployment = true;
    phaseIndexed = true;
    return null;
  }

  /** A new phase: indexed when the namespace has the attribute. */
  void phase(Phase next) {
    if (phaseIndexed) {
      Workflow.upsertTypedSearchAttributes(SearchAttributes.PHASE.valueSet(next.name()));
    }
  }
}
