package io.bluegreen.starter.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.PlanView;
import io.bluegreen.workflows.activities.PreflightActivities;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A password field and a MongoDB URL with user info in one of Blue's service configs, overridden
 * for Green: the real preflight's report, as `plan` prints it (text and --json) and as the audit
 * reads it back from history, says they differ and never shows them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PreflightSecretsTest extends ActivityTestBase {
  private static final List<String> SECRETS =
      List.of("BluePw1", "GreenPw2", "BlueUrlPw", "GreenUrlPw");

  @Test
  void planAndAuditShowThatACredentialChangedButNotWhatItIs() throws Exception {
    db(blue).getCollection("workflows").insertOne(new Document("name", "Port Turn-Up"));
    db(blue)
        .getCollection("iap_profiles")
        .insertOne(
            Document.parse(
                """
        {"id": "blue", "redisProps": {"db": 0}, "workerProps": {"startJobs": true, "taskWorker": true}}"""));
    db(blue)
        .getCollection("service_configs")
        .insertOne(
            Document.parse(
                """
        {"name": "mongo_adapter", "properties": {"url": "mongodb://admin:BlueUrlPw@127.0.0.1:27017/blue", "password": "BluePw1"}}
        """));
    PlatformSpec g =
        green.withOverrides(
            null,
            Map.of(
                "mongo_adapter",
                Map.of(
                    "properties.url",
                    "mongodb://admin:GreenUrlPw@127.0.0.1:27017/green",
                    "properties.password",
                    "GreenPw2")));
    PreflightReport report =
        stub(PreflightActivities.class, new PreflightActivitiesImpl(connections))
            .preflight(
                new PreflightInput(
                    blue,
                    g,
                    new CollectionSelection(List.of(), List.of()),
                    new Switches("workerProps.startJobs", "workerProps.taskWorker"),
                    true));

    DeploymentRequest request =
        new DeploymentRequest(null, blue, g, null, null, null, null, null, null);
    String text = PlanView.render("plan-secrets", request, report, PlanView.DEFAULT_RATE);
    String json = Json.pretty(report);
    String audited =
        ActivitySummaries.summarize("Preflight", Json.MAPPER.readTree(Json.compact(report)));
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), secret + " in the plan: " + text);
      assertFalse(json.contains(secret), secret + " in plan --json: " + json);
      assertFalse(audited.contains(secret), secret + " in the audit: " + audited);
    }
    assertTrue(
        text.contains("    ~ properties.password: \"***\" -> \"***\" (changed; values hidden)\n"),
        text);
    assertTrue(
        text.contains("    - properties.url: \"mongodb://***@127.0.0.1:27017/blue\"\n"), text);
    assertTrue(
        text.contains("    + properties.url: \"mongodb://***@127.0.0.1:27017/green\"\n"), text);
  }
}
