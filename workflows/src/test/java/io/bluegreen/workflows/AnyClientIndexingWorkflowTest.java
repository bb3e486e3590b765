package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.awaitPhase;
import static io.bluegreen.workflows.Deployments.by;
import static io.bluegreen.workflows.Deployments.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment started by any client (the Temporal UI's form, the {@code temporal} CLI, another
 * SDK) carries no search attributes and no summary: the workflow asks the namespace once and then
 * indexes itself, or says once that it cannot, and shows which deployment it is in its details.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AnyClientIndexingWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  @Test
  void aDeploymentStartedWithoutAttributesIndexesItselfWhenTheNamespaceHasThem() throws Exception {
    BlueGreenDeploymentWorkflow wf =
        fixture.startAsAnyClient("bluegreen-from-ui", BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.abort(by("alice"));
    assertEquals(Phase.ABORTED, result(wf).phase());

    assertEquals(
        List.of("test-upgrade"), fixture.searchIndexQuestions(), "asked once, about the label");
    List<Map<String, String>> upserts = upserts("bluegreen-from-ui");
    // The label as the worker's answer gave it (a keyed pseudonym under encryption), with the phase
    // it was in.
    assertEquals(
        Map.of(
            SearchAttributes.DEPLOYMENT.getName(),
            "\"" + DeploymentFixture.NamespaceIndex.PSEUDONYM_PREFIX + "test-upgrade\"",
            SearchAttributes.PHASE.getName(),
            "\"PREFLIGHT\""),
        upserts.get(0));
    assertEquals(
        List.of(
            "\"PROVISIONING\"",
            "\"COPYING\"",
            "\"VERIFYING\"",
            "\"AWAITING_APPROVAL\"",
            "\"ABORTED\""),
        upserts.subList(1, upserts.size()).stream()
            .map(u -> u.get(SearchAttributes.PHASE.getName()))
            .toList());
    assertFalse(result(wf).events().stream().anyMatch(e -> e.message().contains("not indexed")));
  }

  @Test
  void aStartThatCarriedTheAttributesAsksNothing() throws Exception {
    BlueGreenDeploymentWorkflow wf =
        fixture.start("bluegreen-from-cli", BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    wf.abort(by("alice"));
    result(wf);
    assertEquals(List.of(), fixture.searchIndexQuestions());
    assertTrue(
        upserts("bluegreen-from-cli").stream()
            .noneMatch(u -> u.containsKey(SearchAttributes.DEPLOYMENT.getName())),
        "the label the start carried stays");
  }

  @Test
  void onANamespaceWithoutTheAttributesTheDeploymentSaysSoOnceAndRunsToTheEnd() throws Exception {
    fixture.searchAttributes(false);
    BlueGreenDeploymentWorkflow wf =
        fixture.startAsAnyClient("bluegreen-unindexed", BlueGreenDeploymentWorkflowTest.request());
    DeploymentStatus waiting = awaitPhase(wf, Phase.AWAITING_APPROVAL);
    List<String> notes =
        waiting.events().stream()
            .map(e -> e.message())
            .filter(m -> m.startsWith("not indexed for search"))
            .toList();
    assertEquals(1, notes.size(), "said once: " + waiting.events());
    assertTrue(
        notes
            .get(0)
            .contains("temporal operator search-attribute create --name BlueGreenDeployment"),
        notes.get(0));

    wf.approveCutover(by("alice"));
    awaitPhase(wf, Phase.LIVE);
    wf.finalizeDeployment(by("alice"));
    assertEquals(Phase.COMPLETED, result(wf).phase());
    assertEquals(
        List.of(), upserts("bluegreen-unindexed"), "nothing upserted where nothing is registered");
  }

  @Test
  void theDetailsSayWhichDeploymentFromWhichBlueToWhichGreen() throws Exception {
    BlueGreenDeploymentWorkflow wf =
        fixture.startAsAnyClient("bluegreen-details", BlueGreenDeploymentWorkflowTest.request());
    awaitPhase(wf, Phase.AWAITING_APPROVAL);
    // What the Temporal UI's detail page reads.
    WorkflowMetadata metadata =
        WorkflowStub.fromTyped(wf).query("__temporal_workflow_metadata", WorkflowMetadata.class);
    String details = metadata.getCurrentDetails();
    assertTrue(
        details.startsWith("**test-upgrade**: Blue `itential` → Green `itential_green`"), details);
    assertTrue(details.contains("AWAITING_APPROVAL: waiting for approveCutover"), details);
    wf.abort(by("alice"));
    result(wf);
  }

  @Test
  void anAbortWhileTheNamespaceIsAskedEndsTheDeploymentBeforePreflight() throws Exception {
    CountDownLatch answer = fixture.holdSearchIndexAnswers();
    try {
      BlueGreenDeploymentWorkflow wf =
          fixture.startAsAnyClient(
              "bluegreen-abort-early", BlueGreenDeploymentWorkflowTest.request());
      DeploymentFixture.await(wf, s -> !fixture.searchIndexQuestions().isEmpty());
      assertTrue(Deployments.decide(wf, Decision.ABORT, "alice").accepted());
      assertEquals(Phase.ABORTED, result(wf).phase());
      assertFalse(
          fixture.platforms().calls.contains("preflight"),
          "the abort interrupted the question: " + fixture.platforms().calls);
    } finally {
      answer.countDown();
    }
  }

  /** The search attributes of each upsert in the history, name to JSON value. */
  private List<Map<String, String>> upserts(String workflowId) {
    return fixture.client().fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        .map(AnyClientIndexingWorkflowTest::attributes)
        .toList();
  }

  private static Map<String, String> attributes(HistoryEvent e) {
    return e
        .getUpsertWorkflowSearchAttributesEventAttributes()
        .getSearchAttributes()
        .getIndexedFieldsMap()
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, a -> a.getValue().getData().toStringUtf8()));
  }
}
