package io.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.bluegreen.simulated.BlueJobsSimulator;
import io.bluegreen.simulated.DemoPlatform;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.StatusReader;
import io.bluegreen.starter.StatusTable;
import io.bluegreen.starter.audit.AuditReport;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.worker.EncryptionSection;
import io.bluegreen.worker.encryption.CodecHttpServer;
import io.bluegreen.worker.encryption.EncryptionSettings;
import io.bluegreen.workflows.BlueGreenDeploymentWorkflow;
import io.bluegreen.workflows.model.*;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deployment with the worker configuration's {@code encryption} section on the real local stack:
 * the history the Temporal server stores holds none of the names of the deployment, while the CLI's
 * status and audit, given the same keys, show them all.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EncryptedHistoryEndToEndTest {
  private static final String BLUE = "acme_q7vault";
  private static final String GREEN = "acme_q7vault_green";
  private static final String LABEL = "release-q7-encrypted";
  private static final String SECRET_COLLECTION = "zq_ledger_q7";
  private static final String SECRET_ID = "doc-7f3a9c-q7";
  private static LocalStackFixture fx;
  private static EncryptionSettings keys;

  @BeforeAll
  static void upStack() throws Exception {
    Map<String, String> env = Map.of("BG_E2E_KEY_OLD", key(), "BG_E2E_KEY_NEW", key());
    Path state = LocalStackFixture.tempDir("bluegreen-e2e-encrypted");
    Path config = state.resolve("worker-encrypted.json");
    fx =
        new LocalStackFixture(
            state,
            stack -> {
              try {
                Files.writeString(
                    config,
                    "{\"mongo\": {\"local\": {\"uri\": \""
                        + stack.mongoUri()
                        + "\"}},"
                        + " \"redis\": {\"local\": {\"uri\": \""
                        + stack.redisUri()
                        + "\"}},"
                        + " \"encryption\": {\"currentKeyId\": \"2026-11\","
                        + "   \"keys\": {\"2026-05\": \"${BG_E2E_KEY_OLD}\", \"2026-11\": \"${BG_E2E_KEY_NEW}\"}}}");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return stack.withWorkerConfig(config).withWorkerEnv(env);
            });
    // The CLI's keys: the same file and variables the worker has.
    keys = EncryptionSection.fromFile(config, env::get).orElseThrow();
  }

  private static String key() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @AfterAll
  static void downStack() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void theStoredHistoryHoldsNoNamesWhileTheCliWithTheKeysShowsThem() throws Exception {
    new DemoPlatform(150, "127.0.0.1", fx.stack.ports().redis()).seed(fx.mongo, BLUE, GREEN);
    fx.mongo
        .getDatabase(BLUE)
        .getCollection(SECRET_COLLECTION)
        .insertOne(new Document("_id", SECRET_ID).append("amount", 42));
    WorkflowClient cli =
        WorkflowClient.newInstance(
            fx.service,
            WorkflowClientOptions.newBuilder().setDataConverter(keys.dataConverter()).build());

    DeploymentRequest request =
        new DeploymentRequest(
            LABEL,
            new PlatformSpec("local", BLUE, "local", 0, "blue"),
            new PlatformSpec("local", GREEN, "local", 3, "green"),
            null,
            E2e.SWITCHES,
            new CopyOptions(50, 2, true),
            new ApprovalOptions("PT1H"),
            new CutoverOptions(null, "bluegreen:q7", "PT2M").withTrafficRedisDb(5),
            "PT1H");
    String id = StartCommand.defaultId(request, Optional.of(keys));
    assertFalse(id.contains(BLUE), "the default workflow ID is a pseudonym: " + id);
    StartCommand.start(cli, request, id, Optional.of(keys));
    BlueGreenDeploymentWorkflow wf = cli.newWorkflowStub(BlueGreenDeploymentWorkflow.class, id);

    DeploymentStatus waiting = LocalStackFixture.awaitPhase(wf, Phase.AWAITING_APPROVAL);
    assertTrue(
        waiting.collections().stream()
            .anyMatch(c -> c.name().equals(SECRET_COLLECTION) && Boolean.TRUE.equals(c.match())),
        "the extra collection was copied and verified: " + waiting.collections());
    try (BlueJobsSimulator jobs =
        new BlueJobsSimulator(fx.mongo, BLUE, "blue", "startJobs", Duration.ofMillis(200))
            .start()) {
      wf.approveCutover(new OperatorSignal("e2e-operator", "approved for " + LABEL));
      LocalStackFixture.awaitPhase(wf, Phase.LIVE);
    }
    wf.finalizeDeployment(new OperatorSignal("e2e-operator", "done"));
    assertEquals(
        Phase.COMPLETED,
        WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, DeploymentStatus.class).phase());
    assertEquals(
        SECRET_ID,
        fx.mongo.getDatabase(GREEN).getCollection(SECRET_COLLECTION).find().first().get("_id"));

    // The server's copy, read without any codec.
    History raw = rawHistory(id);
    String stored = raw.toByteString().toString(StandardCharsets.ISO_8859_1);
    for (String name :
        List.of(
            BLUE,
            LABEL,
            SECRET_COLLECTION,
            SECRET_ID,
            "e2e-operator",
            "iap_profiles",
            "bluegreen:q7")) {
      assertFalse(stored.contains(name), "the stored history shows \"" + name + "\"");
    }
    // Every payload is encrypted but the two the SDK and the server keep plain by design: search
    // attributes (indexed; here only pseudonyms and phases) and getVersion markers (the SDK's own
    // change id and version number, names from the code, never from a request).
    List<String> plainJson = new ArrayList<>();
    for (HistoryEvent e : withoutUnencodedParts(raw).getEventsList()) {
      if (e.toByteString().toString(StandardCharsets.ISO_8859_1).contains("json/plain")) {
        plainJson.add(e.getEventId() + " " + e.getEventType());
      }
    }
    assertEquals(List.of(), plainJson, "events with a plain JSON payload");
    assertTrue(stored.contains("binary/encrypted"), "payloads are encrypted");

    // The Temporal UI's view: the codec server decodes the stored input back into the request.
    var input = raw.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    try (CodecHttpServer codecServer =
        CodecHttpServer.start(
            "127.0.0.1", 0, Set.of("http://localhost:8233"), null, keys.codec())) {
      HttpResponse<String> decoded =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + codecServer.port() + "/default/decode"))
                      .header("Content-Type", "application/json")
                      .header("X-Namespace", "default")
                      .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().print(input)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, decoded.statusCode(), decoded.body());
      Payloads.Builder plain = Payloads.newBuilder();
      JsonFormat.parser().merge(decoded.body(), plain);
      String request0 = plain.getPayloads(0).getData().toStringUtf8();
      assertTrue(request0.contains(LABEL) && request0.contains(BLUE), request0);
    }

    // The CLI with the keys: status and audit show the names.
    String status = StatusTable.render(new StatusReader(cli).read(id));
    assertTrue(status.contains(SECRET_COLLECTION), status);
    assertTrue(status.contains(LABEL), status);
    AuditReport audit =
        AuditReport.from(
            cli.fetchHistory(id), cli.getOptions().getDataConverter(), Optional.empty());
    String markdown = audit.toMarkdown();
    assertEquals("COMPLETED", audit.outcome());
    for (String name : List.of(BLUE, GREEN, LABEL, SECRET_COLLECTION, "e2e-operator")) {
      assertTrue(markdown.contains(name), "the audit shows " + name + ":\n" + markdown);
    }

    // Without the keys, the CLI says the data is encrypted and how to give it the keys.
    CliException refused =
        Assertions.assertThrows(CliException.class, () -> new StatusReader(fx.client).read(id));
    assertTrue(
        refused.getMessage().contains("encrypted")
            && refused.getMessage().contains("--worker-config"),
        refused.getMessage());
  }

  private static History rawHistory(String workflowId) {
    History.Builder all = History.newBuilder();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r =
          fx.service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setNextPageToken(page)
                      .build());
      all.addAllEvents(r.getHistory().getEventsList());
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return all.build();
  }

  /** The history without search attributes and version markers, which are never encoded. */
  private static History withoutUnencodedParts(History h) {
    List<HistoryEvent> kept = new ArrayList<>();
    for (HistoryEvent e : h.getEventsList()) {
      if (e.hasUpsertWorkflowSearchAttributesEventAttributes()
          || (e.hasMarkerRecordedEventAttributes()
              && e.getMarkerRecordedEventAttributes().getMarkerName().equals("Version"))) {
        continue;
      }
      if (e.hasWorkflowExecutionStartedEventAttributes()) {
        e =
            e.toBuilder()
                .setWorkflowExecutionStartedEventAttributes(
                    e.getWorkflowExecutionStartedEventAttributes().toBuilder()
                        .clearSearchAttributes())
                .build();
      }
      kept.add(e);
    }
    return History.newBuilder().addAllEvents(kept).build();
  }
}
