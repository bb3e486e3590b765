package io.bluegreen.activities.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisionResult;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProvisioningActivitiesTest extends ActivityTestBase {
  @Test
  void writesGreensProfileAndServiceConfigsIdempotentlyWithoutTouchingBlue() {
    seedBlue(5);
    db(blue)
        .getCollection("iap_profiles")
        .updateOne(
            new Document("id", "blue"),
            new Document("$set", new Document("workers.task.enabled", true)));
    Map<String, List<String>> blueBefore = snapshot(db(blue));
    ProvisioningActivities p =
        stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(connections));
    ProvisionInput input =
        new ProvisionInput(blue, green, new Switches("startJobs", "workers.task.enabled"));

    ProvisionResult r = p.provisionGreen(input);
    assertEquals(new ProvisionResult("green", 3), r);
    List<Document> profiles =
        db(green).getCollection("iap_profiles").find().into(new ArrayList<>());
    assertEquals(1, profiles.size());
    Document g = profiles.get(0);
    Document b = db(blue).getCollection("iap_profiles").find(new Document("id", "blue")).first();
    assertEquals("green", g.getString("id"));
    assertEquals(1, g.get("redisProps", Document.class).getInteger("db"));
    assertEquals("127.0.0.1", g.get("redisProps", Document.class).getString("host"));
    assertEquals(false, g.getBoolean("startJobs"));
    assertEquals(
        false, g.get("workers", Document.class).get("task", Document.class).getBoolean("enabled"));
    assertEquals(
        true, g.getBoolean("taskWorker"), "only the configured switch paths are turned off");
    assertEquals("the blue platform", g.getString("description"));
    assertNotEquals(b.get("_id"), g.get("_id"));

    // Matched by name: the same documents, each with an _id of Green's own.
    List<Document> configs =
        withoutIds(
            db(green)
                .getCollection("service_configs")
                .find()
                .sort(new Document("name", 1))
                .into(new ArrayList<>()));
    assertEquals(
        withoutIds(
            db(blue)
                .getCollection("service_configs")
                .find()
                .sort(new Document("name", 1))
                .into(new ArrayList<>())),
        configs);

    // A retry converges on the same documents: same profile _id, no duplicates.
    assertEquals(r, p.provisionGreen(input));
    List<Document> again = db(green).getCollection("iap_profiles").find().into(new ArrayList<>());
    assertEquals(1, again.size());
    assertEquals(g, again.get(0));
    assertEquals(3, db(green).getCollection("service_configs").countDocuments());
    assertEquals(
        configs,
        withoutIds(
            db(green)
                .getCollection("service_configs")
                .find()
                .sort(new Document("name", 1))
                .into(new ArrayList<>())));
    assertEquals(blueBefore, snapshot(db(blue)));
  }

  private static List<Document> withoutIds(List<Document> docs) {
    docs.forEach(d -> d.remove("_id"));
    return docs;
  }

  @Test
  void greenOnItsOwnRedisServerGetsThatServersHostAndPortInItsProfile() {
    seedBlue(1);
    try (Connections two =
        new Connections(
            Map.of("local", servers.mongoUri),
            Map.of(
                "local",
                "redis://127.0.0.1:" + servers.redisPort,
                "green-redis",
                "redis://:s3cret@redis-green.internal:6380"))) {
      ProvisioningActivities p =
          stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(two));
      PlatformSpec greenElsewhere =
          new PlatformSpec(green.mongo(), green.database(), "green-redis", 0, "green");
      p.provisionGreen(
          new ProvisionInput(blue, greenElsewhere, new Switches("startJobs", "taskWorker")));
    }
    Document redisProps =
        db(green).getCollection("iap_profiles").find().first().get("redisProps", Document.class);
    assertEquals("redis-green.internal", redisProps.getString("host"));
    assertEquals(6380, redisProps.getInteger("port"));
    assertEquals(0, redisProps.getInteger("db"));
    assertFalse(
        redisProps.toJson().contains("s3cret"),
        "no password is written from the worker's configuration");
  }

  @Test
  void refusesWhenBlueHasNoSuchProfile() {
    seedBlue(1);
    ProvisioningActivities p =
        stub(ProvisioningActivities.class, new ProvisioningActivitiesImpl(connections));
    PlatformSpec wrong = new PlatformSpec("local", blue.database(), "local", 0, "nope");
    ApplicationFailure f =
        failure(
            () ->
                p.provisionGreen(
                    new ProvisionInput(wrong, green, new Switches("startJobs", "taskWorker"))));
    assertFailure(f, ProvisioningActivitiesImpl.PROFILE_NOT_FOUND, true);
    assertEquals(0, db(green).getCollection("iap_profiles").countDocuments());
  }
}
