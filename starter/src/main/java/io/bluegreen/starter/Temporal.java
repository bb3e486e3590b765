package io.bluegreen.starter;

import io.bluegreen.worker.encryption.AesGcmPayloadCodec;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way the CLI reaches Temporal: Temporal's standard client settings (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS, config profiles), so the CLI and the worker always
 * talk to the same service. With an {@code encryption} section in the worker configuration ({@link
 * CliEncryption}), payloads are encrypted and decrypted with the worker's keys.
 */
public final class Temporal {
  private static volatile String lastAddress = "127.0.0.1:7233";

  private Temporal() {}

  /** The address the last client was built for, for error messages. */
  public static String address() {
    return lastAddress;
  }

  public static WorkflowClient connect() {
    ClientConfigProfile profile = loadProfile();
    // The keys first: a configuration mistake is reported before any connection is tried.
    return connect(profile, CliEncryption.settings());
  }

  /**
   * The local dev stack's server, whatever the environment points at. Plain JSON: the stack's
   * worker runs with a generated configuration that has no encryption section.
   */
  public static WorkflowClient connectTo(String address) {
    return connect(
        ClientConfigProfile.newBuilder().setAddress(address).setNamespace("default").build(),
        Optional.empty());
  }

  private static ClientConfigProfile loadProfile() {
    try {
      return ClientConfigProfile.load();
    } catch (Exception e) {
      throw new CliException("cannot read the Temporal client configuration: " + e.getMessage(), e);
    }
  }

  private static WorkflowClient connect(
      ClientConfigProfile profile, Optional<EncryptionSettings> encryption) {
    WorkflowServiceStubsOptions stubsOptions = profile.toWorkflowServiceStubsOptions();
    if (stubsOptions.getTarget() != null) {
      lastAddress = stubsOptions.getTarget();
    }
    try {
      // Connected stubs fail fast: otherwise the first call retries for a minute before saying
      // the server is down.
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(stubsOptions, Duration.ofSeconds(5));
      WorkflowClientOptions options = profile.toWorkflowClientOptions();
      if (encryption.isPresent()) {
        options =
            WorkflowClientOptions.newBuilder(options)
                .setDataConverter(encryption.get().dataConverter())
                .build();
      }
      return WorkflowClient.newInstance(stubs, options);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** Turns gRPC's connection failures into the one line an operator can act on. */
  public static RuntimeException translate(RuntimeException e) {
    Optional<CliException> undecodable = encryptionProblem(e);
    if (undecodable.isPresent()) {
      return undecodable.get();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        Status.Code code = s.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
          return unreachable(e);
        }
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
          return new CliException(
              "Temporal at "
                  + lastAddress
                  + " refused the credentials ("
                  + code
                  + "): check TEMPORAL_API_KEY / TLS settings or the config profile",
              e);
        }
        if (code == Status.Code.NOT_FOUND
            && String.valueOf(s.getStatus().getDescription()).contains("amespace")) {
          return new CliException(
              "Temporal at "
                  + lastAddress
                  + ": "
                  + s.getStatus().getDescription()
                  + " (set TEMPORAL_NAMESPACE)",
              e);
        }
      }
    }
    if (e.getMessage() != null && e.getMessage().contains("Timed out waiting for health check")) {
      return unreachable(e);
    }
    return e;
  }

  /**
   * Data the CLI cannot decrypt: encrypted payloads without the keys, or with a key missing or
   * wrong. Said as such, instead of as a failed query or an unknown encoding.
   */
  public static Optional<CliException> encryptionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PayloadCodecException) {
        return Optional.of(
            new CliException("cannot decrypt the deployment's data: " + t.getMessage(), e));
      }
      if (t.getMessage() != null && t.getMessage().contains(AesGcmPayloadCodec.ENCODING)) {
        return Optional.of(
            new CliException(
                "the deployment's data is encrypted ("
                    + AesGcmPayloadCodec.ENCODING
                    + "): give the CLI the worker's keys with --worker-config FILE or BLUEGREEN_WORKER_CONFIG, and the key"
                    + " variables that file's encryption section names",
                e));
      }
    }
    return Optional.empty();
  }

  private static CliException unreachable(Throwable cause) {
    return new CliException(
        "cannot reach Temporal at "
            + lastAddress
            + ": start it with ./bluegreen dev up, or set TEMPORAL_ADDRESS",
        cause);
  }
}
