package io.bluegreen.worker;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client for the user's Temporal service, configured the way every Temporal tool is: the
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY and TLS variables, or a profile
 * (TEMPORAL_PROFILE) of the Temporal config file, via temporal-envconfig. Nothing of our own, so a
 * setup that works for the {@code temporal} CLI works here too.
 *
 * <p>The default Jackson data converter is used: the workflow's records carry Jackson annotations,
 * so the JSON users type in the UI is exactly what the workflow receives. With the worker
 * configuration's {@code encryption} section, that JSON is encrypted before it leaves the process
 * (see {@link io.bluegreen.worker.encryption.EncryptionSettings#dataConverter()}).
 */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String address;
  private final String namespace;

  private TemporalConnection(
      WorkflowServiceStubs stubs, WorkflowClient client, String address, String namespace) {
    this.stubs = stubs;
    this.client = client;
    this.address = address;
    this.namespace = namespace;
  }

  /**
   * Connects and checks that the service answers, so a wrong address fails here with one clear
   * message instead of as endless retries later.
   */
  public static TemporalConnection connect(Duration timeout) {
    return connect(timeout, null);
  }

  /**
   * @param metricsScope where the SDK reports its metrics; null: nowhere
   */
  public static TemporalConnection connect(Duration timeout, Scope metricsScope) {
    return connect(timeout, metricsScope, null);
  }

  /**
   * @param dataConverter the payload converter (e.g. encrypting); null: the SDK's default JSON
   */
  public static TemporalConnection connect(
      Duration timeout, Scope metricsScope, DataConverter dataConverter) {
    ClientConfigProfile profile;
    try {
      profile = ClientConfigProfile.load();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot load the Temporal client configuration (TEMPORAL_* variables / config file): "
              + e.getMessage());
    }
    WorkflowServiceStubsOptions serviceOptions = profile.toWorkflowServiceStubsOptions();
    if (metricsScope != null) {
      serviceOptions =
          WorkflowServiceStubsOptions.newBuilder(serviceOptions)
              .setMetricsScope(metricsScope)
              .build();
    }
    WorkflowClientOptions clientOptions = profile.toWorkflowClientOptions();
    if (dataConverter != null) {
      clientOptions =
          WorkflowClientOptions.newBuilder(clientOptions).setDataConverter(dataConverter).build();
    }
    String address = serviceOptions.getTarget();
    // Unset means the SDK's default namespace; say so rather than print "null".
    String namespace =
        clientOptions.getNamespace() == null ? "default" : clientOptions.getNamespace();
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(serviceOptions, timeout);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach the Temporal service at "
              + address
              + " within "
              + timeout.toSeconds()
              + "s; set TEMPORAL_ADDRESS (and TLS / API key) or start one with 'temporal server start-dev'");
    }
    return new TemporalConnection(
        stubs, WorkflowClient.newInstance(stubs, clientOptions), address, namespace);
  }

  public WorkflowClient client() {
    return client;
  }

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
  }
}
