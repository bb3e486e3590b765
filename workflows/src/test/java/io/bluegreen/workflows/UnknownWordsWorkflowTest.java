package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.model.BlueJobsPolicy;
import io.bluegreen.workflows.model.CutoverOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request from any client (the Temporal UI's form, another SDK) with a word this version does not
 * know in a closed vocabulary ends FAILED with the word, the field and the allowed words, before
 * anything is written: it is read as written, never refused while the workflow reads its input
 * (which would retry the workflow task forever, with no status).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UnknownWordsWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  @Test
  void anUnknownBlueJobsWordEndsFailedNamingTheWordsAndWritesNothing() {
    DeploymentRequest typed = BlueGreenDeploymentWorkflowTest.request();
    Map<String, Object> raw = JSON.convertValue(typed, new TypeReference<Map<String, Object>>() {});
    raw.put("cutover", Map.of("drainTimeout", "PT10M", "blueJobs", "Cancel"));
    fixture.worker();
    WorkflowStub wf =
        fixture
            .client()
            .newUntypedWorkflowStub(
                BlueGreenDeploymentWorkflow.WORKFLOW_TYPE,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.BLUE_GREEN)
                    .setWorkflowId("bluegreen-test-unknown-word")
                    .build());
    wf.start(raw);

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> wf.getResult(DeploymentStatus.class));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals(FailureTypes.DEPLOYMENT_FAILED, failure.getType());
    String message = failure.getOriginalMessage();
    assertTrue(
        message.contains("cutover.blueJobs 'Cancel' is not one of leave or cancel"), message);
    assertEquals(Phase.FAILED, failure.getDetails().get(DeploymentStatus.class).phase());
    assertTrue(
        fixture.platforms().calls.isEmpty(),
        "no activity runs for an invalid request: " + fixture.platforms().calls);
  }

  @Test
  void theTypedAccessorReadsTheKnownWords() {
    CutoverOptions cancel =
        new CutoverOptions(null, null, null).withBlueJobsAsWritten("cancel", null);
    assertEquals("cancel", JSON.convertValue(cancel, Map.class).get("blueJobs"));
    assertEquals(BlueJobsPolicy.CANCEL, cancel.blueJobsPolicy());
  }
}
