package io.bluegreen.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DemoPlatformTest {
  private MongoServer server;
  private MongoClient client;

  @BeforeEach
  void start() {
    server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  private long resourceDocuments(MongoDatabase db) {
    long n = 0;
    for (String c : DemoPlatform.RESOURCE_WEIGHTS.keySet()) {
      n += db.getCollection(c).countDocuments();
    }
    return n;
  }

  @Test
  void seedsTheListedCollectionsWithTheRequestedCount() {
    client
        .getDatabase("itential_green")
        .getCollection("workflows")
        .insertOne(new Document("left", "over"));
    new DemoPlatform(1234, "127.0.0.1", 6379).seed(client, "itential", "itential_green");
    MongoDatabase db = client.getDatabase("itential");
    Set<String> names = db.listCollectionNames().into(new HashSet<>());
    for (String c :
        List.of(
            "iap_profiles",
            "service_configs",
            "accounts",
            "groups",
            "roles",
            "projects",
            "workflows",
            "forms",
            "transformations",
            "mop_templates",
            "automations",
            "triggers",
            "tags",
            "ucm_configs",
            "resource_models",
            "integration_models",
            "json-forms",
            "custom_app_inventory",
            "migrations",
            "jobs",
            "tasks",
            "job_data.files",
            "job_data.chunks")) {
      assertTrue(names.contains(c), c + " missing from " + names);
      assertTrue(db.getCollection(c).countDocuments() > 0, c + " is empty");
    }
    assertEquals(1234, resourceDocuments(db));
    assertEquals(DemoPlatform.MIGRATION_RECORDS, db.getCollection("migrations").countDocuments());
    Document profile = db.getCollection("iap_profiles").find(Filters.eq("id", "blue")).first();
    assertEquals(Boolean.TRUE, profile.getBoolean("startJobs"));
    assertEquals(Boolean.TRUE, profile.getBoolean("taskWorker"));
    assertEquals(0, profile.get("redisProps", Document.class).getInteger("db"));
    Document workflow = db.getCollection("workflows").find().first();
    assertTrue(
        workflow.get("tasks", Document.class).containsKey("workflow_start"), workflow.toJson());
    assertFalse(
        client
            .getDatabase("itential_green")
            .listCollectionNames()
            .into(new ArrayList<>())
            .contains("workflows"),
        "Green's database must be dropped so the deployment finds it empty");
  }

  @Test
  void theDemosProfileIsRealisticAndServiceConfigsAreKeyedByName() {
    new DemoPlatform(100, "127.0.0.1", 6379, false).seed(client, "itential", "itential_green");
    MongoDatabase db = client.getDatabase("itential");
    Document profile = db.getCollection("iap_profiles").find(Filters.eq("id", "blue")).first();
    for (String section :
        List.of(
            "uiProps",
            "authenticationProps",
            "expressProps",
            "loggerProps",
            "redisProps",
            "services")) {
      assertTrue(profile.containsKey(section), section + " missing from " + profile.toJson());
    }
    assertFalse(
        profile.containsKey("startJobs") || profile.containsKey("taskWorker"),
        "no release has these fields");
    Document aaa =
        db.getCollection("service_configs").find(Filters.eq("name", "local_aaa")).first();
    assertEquals(
        "itential",
        aaa.getEmbedded(List.of("properties", "properties", "database", "db"), String.class),
        "local_aaa names Blue's own database, as on a real platform");
    assertEquals(
        DemoPlatform.SERVICE_CONFIGS,
        db.getCollection("service_configs").countDocuments(Filters.exists("name")));
    assertTrue(db.getCollection("job_data.chunks").countDocuments() > 0, "job data is in GridFS");
  }

  @Test
  void seedingTwiceGivesTheSameData() {
    DemoPlatform platform = new DemoPlatform(300, "127.0.0.1", 6379);
    platform.seed(client, "itential", "itential_green");
    List<Document> first =
        client
            .getDatabase("itential")
            .getCollection("transformations")
            .find()
            .into(new ArrayList<>());
    platform.seed(client, "itential", "itential_green");
    MongoDatabase db = client.getDatabase("itential");
    assertEquals(300, resourceDocuments(db));
    assertEquals(1, db.getCollection("iap_profiles").countDocuments());
    assertEquals(first, db.getCollection("transformations").find().into(new ArrayList<>()));
  }
}
