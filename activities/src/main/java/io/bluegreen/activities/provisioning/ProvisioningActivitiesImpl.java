package io.bluegreen.activities.provisioning;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.itential.WorkflowEngineApi;
import io.bluegreen.activities.support.ActivityBoundary;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisionResult;
import io.bluegreen.workflows.activities.ProvisioningActivities;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Writes Green's own platform documents into Green's database. Every write is a replace-upsert
 * keyed by the document's identity, so running it again (a retry) converges on the same state. Blue
 * is only read.
 */
public class ProvisioningActivitiesImpl implements ProvisioningActivities {
  public static final String PROFILE_NOT_FOUND = FailureTypes.PROFILE_NOT_FOUND;
  private static final int BATCH = 500;

  private final Connections connections;
  private final ActivityBoundary boundary;

  public ProvisioningActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.boundary = new ActivityBoundary(connections.secrets());
  }

  @Override
  public ProvisionResult provisionGreen(ProvisionInput input) {
    return boundary.run("ProvisionGreen", () -> provision(input));
  }

  private ProvisionResult provision(ProvisionInput input) {
    PlatformSpec blue = input.blue();
    PlatformSpec green = input.green();
    MongoDatabase blueDb = connections.database(blue);
    MongoDatabase greenDb = connections.database(green);

    Document blueProfile =
        blueDb.getCollection("iap_profiles").find(new Document("id", blue.profile())).first();
    if (blueProfile == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Blue's database '"
              + blue.database()
              + "' has no iap_profiles document with id '"
              + blue.profile()
              + "'",
          PROFILE_NOT_FOUND);
    }
    Document greenProfile =
        GreenConfiguration.profile(
            blueProfile,
            green,
            input.switches(),
            new GreenConfigurationCheck(connections).greenRedisHostPort(blue, green));
    // Keyed by id, without an _id in the replacement: the first run lets the server assign one,
    // later runs keep it, so Green's profile has one stable identity however often this runs.
    greenDb
        .getCollection("iap_profiles")
        .replaceOne(
            new Document("id", green.profile()), greenProfile, new ReplaceOptions().upsert(true));

    int configs = copyServiceConfigs(blueDb, greenDb, green);
    if (green.api() != null) {
      stopGreenWorkers(green);
    }
    return new ProvisionResult(green.profile(), configs);
  }

  /**
   * A Green platform already running may have read an older profile: its workers are turned off
   * through its API too, so Green starts no job before the cutover whatever it read at start-up.
   */
  private void stopGreenWorkers(PlatformSpec green) {
    WorkflowEngineApi api = WorkflowEngineApi.of(connections, green.api());
    for (WorkflowEngineApi.Worker worker : WorkflowEngineApi.Worker.values()) {
      if (!Boolean.FALSE.equals(api.running(worker))) {
        api.set(worker, false);
        if (!Boolean.FALSE.equals(api.running(worker))) {
          // Retryable: the next attempt finds it stopped or asks again.
          throw new IllegalStateException(
              "Green's " + worker.statusKey + " still reports running after deactivation");
        }
      }
    }
  }

  /**
   * Blue's service configs with Green's overrides, matched by {@code name} (the platform's key for
   * a service; {@code _id}s differ between installations), so a Green that already has a config of
   * that name gets it replaced in place and keeps its {@code _id}. A config without a name is
   * matched by {@code _id}, as it cannot be otherwise.
   */
  private static int copyServiceConfigs(
      MongoDatabase blueDb, MongoDatabase greenDb, PlatformSpec green) {
    MongoCollection<Document> source = blueDb.getCollection(GreenConfiguration.SERVICE_CONFIGS);
    MongoCollection<Document> target = greenDb.getCollection(GreenConfiguration.SERVICE_CONFIGS);
    ReplaceOptions upsert = new ReplaceOptions().upsert(true);
    List<WriteModel<Document>> batch = new ArrayList<>();
    int count = 0;
    try (MongoCursor<Document> c = source.find().iterator()) {
      while (c.hasNext()) {
        Document blueConfig = c.next();
        Document greenConfig = GreenConfiguration.serviceConfig(blueConfig, green);
        Document filter;
        if (blueConfig.get("name") instanceof String name) {
          filter = new Document("name", name);
        } else {
          filter = new Document("_id", blueConfig.get("_id"));
          greenConfig.put("_id", blueConfig.get("_id"));
        }
        batch.add(new ReplaceOneModel<>(filter, greenConfig, upsert));
        count++;
        if (batch.size() >= BATCH) {
          target.bulkWrite(batch);
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      target.bulkWrite(batch);
    }
    return count;
  }
}
