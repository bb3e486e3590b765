package io.bluegreen.simulated;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;

/**
 * A sample Blue Itential Platform database for the demo: its profile (uiProps, authenticationProps,
 * expressProps, loggerProps, redisProps, services) and service configs keyed by {@code name}, the
 * platform's own collections under their real names (accounts, groups, roles, projects, workflows,
 * forms, transformations, mop_templates, automations, triggers, tags, ucm_configs, resource_models,
 * integration_models, json-forms) and a custom app's, applied migrations, and runtime data a
 * deployment must leave behind (jobs, tasks, and {@code job_data} as GridFS). Deterministic, so two
 * seeds produce the same data.
 *
 * <p>This class decides what is seeded and how much; the documents are made by {@link
 * SampleConfiguration} (profile, service configs), {@link SamplePlatformCollections}, {@link
 * SampleDocuments} (resource models) and {@link SampleRuntimeData} (jobs, tasks, job output).
 */
public final class DemoPlatform {
  /** The resource model collections and their share of the requested document count. */
  public static final Map<String, Integer> RESOURCE_WEIGHTS = weights();

  /** The platform's own small collections, seeded with fixed counts whatever --documents says. */
  public static final Map<String, Integer> PLATFORM_COLLECTIONS = platformCollections();

  public static final List<String> RUNTIME =
      List.of("jobs", "tasks", "job_data.files", "job_data.chunks");
  public static final String MIGRATIONS = "migrations";
  public static final int MIGRATION_RECORDS = 9;
  public static final int SERVICE_CONFIGS = 6;

  private final int documents;
  private final String redisHost;
  private final int redisPort;
  private final boolean profileSwitches;
  private SampleDocuments sample = new SampleDocuments("$id");

  /**
   * @param documents total resource model documents, spread over {@link #RESOURCE_WEIGHTS}
   * @param redisHost written into the profile's redisProps, as an Itential profile holds it
   */
  public DemoPlatform(int documents, String redisHost, int redisPort) {
    this(documents, redisHost, redisPort, true);
  }

  /**
   * @param profileSwitches whether the profile carries top-level {@code startJobs}/{@code
   *     taskWorker} booleans: no Itential release has them, but platforms without an API (the
   *     tests, the bench) are switched by toggling named profile fields, and these are the ones
   *     they name. The demo's profile has none: it switches through the (simulated) API.
   */
  public DemoPlatform(int documents, String redisHost, int redisPort, boolean profileSwitches) {
    if (documents < RESOURCE_WEIGHTS.size()) {
      throw new IllegalArgumentException(
          "at least "
              + RESOURCE_WEIGHTS.size()
              + " documents (one per resource collection), not "
              + documents);
    }
    this.documents = documents;
    this.redisHost = redisHost;
    this.redisPort = redisPort;
    this.profileSwitches = profileSwitches;
  }

  /**
   * Seeds JST schemas with {@code id} instead of Itential's {@code $id}: for FerretDB, which
   * refuses every field name that starts with {@code $} (MongoDB 5.0+ accepts them).
   */
  public DemoPlatform withoutDollarFieldNames() {
    this.sample = new SampleDocuments("id");
    return this;
  }

  private static Map<String, Integer> weights() {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("workflows", 28);
    w.put("forms", 8);
    w.put("transformations", 15);
    w.put("mop_templates", 10);
    w.put("automations", 8);
    w.put("triggers", 7);
    w.put("json-forms", 7);
    w.put("custom_app_inventory", 17);
    return w;
  }

  private static Map<String, Integer> platformCollections() {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("accounts", 12);
    c.put("groups", 4);
    c.put("roles", 6);
    c.put("projects", 3);
    c.put("tags", 8);
    c.put("ucm_configs", 3);
    c.put("resource_models", 2);
    c.put("integration_models", 3);
    return c;
  }

  /** Every collection a deployment of this platform copies. */
  public static List<String> copiedCollections() {
    List<String> out = new ArrayList<>(PLATFORM_COLLECTIONS.keySet());
    out.addAll(RESOURCE_WEIGHTS.keySet());
    out.add(MIGRATIONS);
    return out;
  }

  /**
   * How many documents each resource collection gets; the counts add up to exactly {@code
   * documents}.
   */
  public Map<String, Integer> plan() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int total = RESOURCE_WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
    int assigned = 0;
    for (var e : RESOURCE_WEIGHTS.entrySet()) {
      int n = Math.max(1, documents * e.getValue() / total);
      counts.put(e.getKey(), n);
      assigned += n;
    }
    // Rounding leftovers (or the minimum of one each) are settled on the biggest collection.
    counts.merge("workflows", documents - assigned, Integer::sum);
    return counts;
  }

  /**
   * Drops Blue's and Green's databases and seeds Blue afresh, so the demo can run again.
   *
   * @return the document count of every collection seeded into Blue
   */
  public Map<String, Integer> seed(MongoClient client, String blueDb, String greenDb) {
    client.getDatabase(greenDb).drop();
    MongoDatabase db = client.getDatabase(blueDb);
    db.drop();
    Map<String, Integer> seeded = new LinkedHashMap<>();
    seeded.put("iap_profiles", insert(db, "iap_profiles", List.of(profile())));
    seeded.put(
        "service_configs",
        insert(db, "service_configs", SampleConfiguration.serviceConfigs(blueDb)));
    int fixed = 0;
    for (var e : PLATFORM_COLLECTIONS.entrySet()) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < e.getValue(); i++) {
        docs.add(SamplePlatformCollections.document(e.getKey(), i, 60 + fixed));
      }
      fixed++;
      seeded.put(e.getKey(), insert(db, e.getKey(), docs));
    }
    int salt = 0;
    for (var e : plan().entrySet()) {
      Random r = new Random(1000L + salt++);
      List<Document> docs = new ArrayList<>(e.getValue());
      for (int i = 0; i < e.getValue(); i++) {
        docs.add(sample.resource(e.getKey(), i, r));
      }
      seeded.put(e.getKey(), insert(db, e.getKey(), docs));
    }
    seeded.put(MIGRATIONS, insert(db, MIGRATIONS, migrations()));
    int jobs = Math.max(5, documents / 50);
    seeded.put("jobs", insert(db, "jobs", SampleRuntimeData.jobs(jobs)));
    seeded.put("tasks", insert(db, "tasks", SampleRuntimeData.tasks(jobs)));
    SampleRuntimeData.jobData(db, jobs);
    seeded.put("job_data.files", (int) db.getCollection("job_data.files").countDocuments());
    seeded.put("job_data.chunks", (int) db.getCollection("job_data.chunks").countDocuments());
    db.getCollection("workflows").createIndex(Indexes.ascending("name"));
    db.getCollection("jobs").createIndex(Indexes.ascending("status"));
    return seeded;
  }

  /** The platform profile ({@code iap_profiles}) of Blue, its Redis named as Itential holds it. */
  public Document profile() {
    return SampleConfiguration.profile(redisHost, redisPort, profileSwitches);
  }

  private static int insert(MongoDatabase db, String name, List<Document> docs) {
    MongoCollection<Document> c = db.getCollection(name);
    for (int i = 0; i < docs.size(); i += 1000) {
      c.insertMany(docs.subList(i, Math.min(docs.size(), i + 1000)));
    }
    return docs.size();
  }

  private static List<Document> migrations() {
    String[][] m = {
      {"20230104_initial", "@itential/pronghorn-core"},
      {"20230212_workflow_canvas_v3", "@itential/app-automation_studio"},
      {"20230320_add_gbac_to_automations", "@itential/app-operations_manager"},
      {"20230412_json_forms_binding_schema", "@itential/app-json_forms"},
      {"20230530_transformations_version", "@itential/app-jst"},
      {"20230718_templates_group_index", "@itential/app-template_builder"},
      {"20231002_catalog_tags", "@itential/app-catalog"},
      {"20240115_iap_profiles_adapter_strategy", "@itential/pronghorn-core"},
      {"20240301_inventory_interfaces", "custom-app-inventory"},
    };
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < m.length; i++) {
      out.add(
          new Document("_id", SampleDocuments.id(92, i))
              .append("name", m[i][0])
              .append("app", m[i][1])
              .append("status", "complete")
              .append("appliedAt", Date.from(SampleDocuments.BASE.plus(i * 17L, ChronoUnit.DAYS)))
              .append("version", "2023.1." + i));
    }
    return out;
  }
}
