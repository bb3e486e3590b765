package io.bluegreen.worker;

import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.activities.SearchIndexActivities;
import io.bluegreen.workflows.activities.SearchIndexInput;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the workflow's one question about its namespace, with this worker's own connection to
 * Temporal: are {@code BlueGreenDeployment} and {@code BlueGreenPhase} registered as Keyword search
 * attributes, and what is the deployment's label indexed as (its keyed pseudonym when this worker
 * encrypts payloads, exactly as {@code ./bluegreen start} computes it, so {@code list --deployment
 * LABEL} finds deployments of either origin).
 */
public final class SearchIndexActivitiesImpl implements SearchIndexActivities {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexActivitiesImpl.class);
  private static final List<SearchAttributeKey<String>> ATTRIBUTES =
      List.of(SearchAttributes.DEPLOYMENT, SearchAttributes.PHASE);
  private static final long CALL_SECONDS = 10;

  private final Optional<EncryptionKeys> keys;

  /**
   * @param keys the payload keys when this worker encrypts; empty: labels are indexed as they are
   */
  public SearchIndexActivitiesImpl(Optional<EncryptionKeys> keys) {
    this.keys = keys;
  }

  @Override
  public SearchIndexResult describeSearchIndex(SearchIndexInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String namespace = context.getInfo().getNamespace();
    Attributes found = attributes(context.getWorkflowClient().getWorkflowServiceStubs(), namespace);
    SearchIndexResult answer = answer(namespace, found, input.deployment(), keys);
    if (!answer.registered()) {
      log.warn("deployment {} cannot be indexed for search: {}", input.deployment(), answer.note());
    }
    return answer;
  }

  /**
   * The namespace's custom search attributes by name. The operator API answers with their types; a
   * server or a role that does not offer it (Temporal Cloud without the admin role, the Java test
   * server) may still list them as the namespace's aliases, without types.
   */
  record Attributes(Map<String, IndexedValueType> types, String source) {}

  static SearchIndexResult answer(
      String namespace, Attributes found, String label, Optional<EncryptionKeys> keys) {
    for (SearchAttributeKey<String> key : ATTRIBUTES) {
      IndexedValueType type = found.types().get(key.getName());
      if (type == null) {
        return SearchIndexResult.notRegistered(
            "namespace '"
                + namespace
                + "' has no search attribute "
                + key.getName()
                + " ("
                + found.source()
                + ")");
      }
      if (type != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
          && type != IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED) {
        return SearchIndexResult.notRegistered(
            "namespace '"
                + namespace
                + "' has "
                + key.getName()
                + " as "
                + type.name().replace("INDEXED_VALUE_TYPE_", "")
                + ", not Keyword");
      }
    }
    return new SearchIndexResult(
        true, keys.map(k -> Pseudonyms.current(k, label)).orElse(label), null);
  }

  private static Attributes attributes(WorkflowServiceStubs service, String namespace) {
    // The same target, TLS and credentials as the worker's own connection, for one call.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(service.getOptions()).build());
    try {
      return new Attributes(
          operator
              .blockingStub()
              .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap(),
          "according to the operator API");
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code != Status.Code.UNIMPLEMENTED && code != Status.Code.PERMISSION_DENIED) {
        throw e; // unreachable or busy: the activity is retried
      }
      return aliases(service, namespace, code);
    } finally {
      operator.shutdown();
    }
  }

  private static Attributes aliases(
      WorkflowServiceStubs service, String namespace, Status.Code operatorAnswer) {
    Map<String, IndexedValueType> names = new HashMap<>();
    service
        .blockingStub()
        .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
        .getConfig()
        .getCustomSearchAttributeAliasesMap()
        .values()
        .forEach(alias -> names.put(alias, IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED));
    return new Attributes(
        names,
        "the operator API answered " + operatorAnswer + "; the namespace's aliases do not list it");
  }
}
