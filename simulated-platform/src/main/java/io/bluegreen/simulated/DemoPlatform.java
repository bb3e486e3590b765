package io.bluegreen.simulated;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A sample Blue Itential Platform database for the demo: its profile (uiProps,
 * authenticationProps, expressProps, loggerProps, redisProps, services) and service configs keyed
 * by {@code name}, the platform's own collections under their real names (accounts, groups,
 * roles, projects, workflows, forms, transformations, mop_templates, automations, triggers, tags,
 * ucm_configs, resource_models, integration_models, json-forms) and a custom app's, applied
 * migrations, and runtime data a deployment must leave behind (jobs, tasks, and {@code job_data}
 * as GridFS). Deterministic, so two seeds produce the same data.
 */
public final class DemoPlatform {
  /** The resource model collections and their share of the requested document count. */
  public static final Map<String, Integer> RESOURCE_WEIGHTS = weights();

  /** The platform's own small collections, seeded with fixed counts whatever --documents says. */
  public static final Map<String, Integer> PLATFORM_COLLECTIONS = platformCollections();

  public static final List<String> RUNTIME = List.of("jobs", "tasks", "job_data.files", "job_data.chunks");
  public static final String MIGRATIONS = "migrations";
  public static final int MIGRATION_RECORDS = 9;
  public static final int SERVICE_CONFIGS = 6;

  private static final Instant BASE = Instant.parse("2024-03-04T09:15:00Z");
  private static final String[] APPS = {
    "ConfigurationManager", "TemplateBuilder", "MOP", "WorkFlowEngine", "AutomationStudio", "OperationsManager"
  };
  private static final String[] VENDORS = {"cisco", "juniper", "arista", "nokia"};
  private static final String[] VERBS = {"Provision", "Decommission", "Audit", "Upgrade", "Backup", "Validate", "Configure"};
  private static final String[] OBJECTS = {
    "VLAN", "BGP Peer", "Interface", "ACL", "L3VPN", "Firmware", "NTP Servers", "SNMP Community", "Loopback"
  };

  private final int documents;
  private final String redisHost;
  private final int redisPort;
  private final boolean profileSwitches;
  private String schemaIdKey = "$id";

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
      throw new IllegalArgumentException("at least " + RESOURCE_WEIGHTS.size() + " documents (one per resource collection), not " + documents);
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
    this.schemaIdKey = "id";
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

  /** How many documents each resource collection gets; the counts add up to exactly {@code documents}. */
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
    seeded.put("service_configs", insert(db, "service_configs", serviceConfigs(blueDb)));
    int fixed = 0;
    for (var e : PLATFORM_COLLECTIONS.entrySet()) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < e.getValue(); i++) {
        docs.add(platformDocument(e.getKey(), i, 60 + fixed));
      }
      fixed++;
      seeded.put(e.getKey(), insert(db, e.getKey(), docs));
    }
    int salt = 0;
    for (var e : plan().entrySet()) {
      Random r = new Random(1000L + salt++);
      List<Document> docs = new ArrayList<>(e.getValue());
      for (int i = 0; i < e.getValue(); i++) {
        docs.add(resource(e.getKey(), i, r));
      }
      seeded.put(e.getKey(), insert(db, e.getKey(), docs));
    }
    seeded.put(MIGRATIONS, insert(db, MIGRATIONS, migrations()));
    int jobs = Math.max(5, documents / 50);
    seeded.put("jobs", insert(db, "jobs", jobs(jobs)));
    seeded.put("tasks", insert(db, "tasks", tasks(jobs)));
    jobData(db, jobs);
    seeded.put("job_data.files", (int) db.getCollection("job_data.files").countDocuments());
    seeded.put("job_data.chunks", (int) db.getCollection("job_data.chunks").countDocuments());
    db.getCollection("workflows").createIndex(Indexes.ascending("name"));
    db.getCollection("jobs").createIndex(Indexes.ascending("status"));
    return seeded;
  }

  private static int insert(MongoDatabase db, String name, List<Document> docs) {
    MongoCollection<Document> c = db.getCollection(name);
    for (int i = 0; i < docs.size(); i += 1000) {
      c.insertMany(docs.subList(i, Math.min(docs.size(), i + 1000)));
    }
    return docs.size();
  }

  private static ObjectId id(int collection, int i) {
    // Stable ids, so that reseeding produces the very same documents.
    return new ObjectId(Date.from(BASE.plus(collection, ChronoUnit.DAYS)), i);
  }

  private static Date at(Random r) {
    return Date.from(BASE.plus(r.nextInt(400 * 24 * 60), ChronoUnit.MINUTES));
  }

  public Document profile() {
    Document d = new Document("_id", id(90, 1))
        .append("id", "blue")
        .append("description", "Blue Itential Platform (demo)")
        .append("services", List.of("local_aaa", "AutomationStudio", "OperationsManager", "nso", "servicenow", "email"))
        .append("uiProps", new Document("layout", "node_modules/@itential/pronghorn-core/ui/views/layout.jade")
            .append("home", "node_modules/@itential/pronghorn-core/ui/views/home.jade").append("fav_icon", "favicon.ico"))
        .append("authenticationProps", new Document("logoutTime", 20).append("uniqueSession", false)
            .append("admins", List.of(new Document("provenance", "Local AAA").append("group", "admin"))))
        .append("expressProps", new Document("cacheControl", false).append("timeout", 300000)
            .append("access_control_allow_origin", "*").append("http_port", 3000).append("https", false))
        .append("loggerProps", new Document("log_max_files", 100).append("log_max_file_size", 1048576)
            .append("log_level", "info").append("log_directory", "/var/log/itential/").append("console_level", "warning"))
        .append("redisProps", new Document("db", 0).append("host", redisHost).append("port", redisPort)
            .append("maxRetriesPerRequest", 20).append("maxHeartbeatWriteRetries", 20))
        .append("systemProps", new Document("shutdownTimeout", 3).append("servicesBlacklist", List.of())
            .append("launchDelay", 1).append("launchTimeout", 600).append("serviceHealthCheckFrequency", 50000))
        .append("pathProps", new Document("encrypted", false))
        .append("alarmProps", List.of())
        .append("prebuiltProps", new Document("repoConfigs", new Document()))
        .append("adapterStrategy", new Document("device", new Document("adapterTypes", List.of()).append("exceptions", List.of())));
    if (profileSwitches) {
      d.append("taskWorker", true).append("startJobs", true);
    }
    return d;
  }

  /** Service configs as the platform keys them, by {@code name}; local_aaa names Blue's database. */
  private static List<Document> serviceConfigs(String blueDb) {
    List<Document> out = new ArrayList<>();
    String[][] services = {
      {"local_aaa", "@itential/agmanager-local_aaa", "Adapter"},
      {"nso", "@itential/adapter-nso", "Adapter"},
      {"servicenow", "@itential/adapter-servicenow", "Adapter"},
      {"email", "@itential/adapter-email", "Adapter"},
      {"AutomationStudio", "@itential/app-automation_studio", "Application"},
      {"OperationsManager", "@itential/app-operations_manager", "Application"},
    };
    for (int i = 0; i < services.length; i++) {
      String[] s = services[i];
      Document props = s[0].equals("local_aaa")
          ? new Document("authentication", new Document("type", "local"))
              .append("database", new Document("db", blueDb).append("url", "mongodb://127.0.0.1:27017"))
          : s[2].equals("Adapter")
          ? new Document("host", s[0].toLowerCase().replace(' ', '-') + ".example.net").append("port", 443)
              .append("protocol", "https").append("authentication",
                  new Document("auth_method", "basic user_password").append("username", "svc_itential")
                      .append("password", "{code}encrypted-placeholder"))
              .append("healthcheck", new Document("type", "startup").append("frequency", 60000))
              .append("throttle", new Document("enabled", false).append("concurrent_max", 1))
          : new Document("maxConcurrentJobs", 50).append("jobRetention", "P30D");
      out.add(new Document("_id", id(91, i)).append("name", s[0]).append("model", s[1]).append("type", s[2])
          .append("isEncrypted", false).append("properties", new Document("id", s[0]).append("type", s[0])
              .append("properties", props).append("brokers", s[2].equals("Adapter") ? List.of("device", "config") : List.of()))
          .append("loggerProps", new Document("log_level", "info").append("console_level", "warning"))
          .append("eventDeduplication", new Document("active", false))
          .append("groups", List.of()));
    }
    return out;
  }

  private Document resource(String collection, int i, Random r) {
    int salt = new ArrayList<>(RESOURCE_WEIGHTS.keySet()).indexOf(collection);
    ObjectId oid = id(10 + salt, i);
    String name = VERBS[r.nextInt(VERBS.length)] + " " + OBJECTS[r.nextInt(OBJECTS.length)] + " " + (i + 1);
    Date created = at(r);
    Date updated = Date.from(created.toInstant().plus(r.nextInt(90), ChronoUnit.DAYS));
    ObjectId user = id(99, r.nextInt(12));
    Document d = new Document("_id", oid);
    switch (collection) {
      case "workflows" -> {
        Document tasks = new Document("workflow_start", new Document("name", "workflow_start").append("groups", List.of())
            .append("x", 0.05).append("y", 0.5));
        Document transitions = new Document();
        String prev = "workflow_start";
        int steps = 2 + r.nextInt(5);
        for (int t = 0; t < steps; t++) {
          String key = Integer.toHexString(0x1000 + r.nextInt(0xefff));
          String app = APPS[r.nextInt(APPS.length)];
          tasks.append(key, new Document("name", t == 0 ? "getDevice" : "runCommand" + t).append("app", app)
              .append("type", r.nextBoolean() ? "automatic" : "manual").append("location", "Application")
              .append("summary", name + " step " + (t + 1)).append("actor", "Pronghorn").append("groups", List.of())
              .append("variables", new Document("incoming", new Document("deviceName", "$var.job.deviceName")
                  .append("timeout", 60 + r.nextInt(300))).append("outgoing", new Document("result", null)))
              .append("x", 0.1 + 0.8 * t / steps).append("y", 0.3 + r.nextDouble() * 0.4));
          transitions.append(prev, new Document(key, new Document("type", "standard").append("state", "success")));
          prev = key;
        }
        tasks.append("workflow_end", new Document("name", "workflow_end").append("groups", List.of()).append("x", 0.95).append("y", 0.5));
        transitions.append(prev, new Document("workflow_end", new Document("type", "standard").append("state", "success")));
        transitions.append("workflow_end", new Document());
        d.append("name", name).append("type", "automation").append("description", "Demo workflow: " + name)
            .append("tasks", tasks).append("transitions", transitions).append("groups", List.of())
            .append("inputSchema", new Document("type", "object").append("properties",
                new Document("deviceName", new Document("type", "string"))).append("required", List.of("deviceName")))
            .append("outputSchema", new Document("type", "object"))
            .append("canvasVersion", 3).append("encodingVersion", 1).append("font_size", 12)
            .append("tags", List.of()).append("created", created).append("created_by", user)
            .append("last_updated", updated).append("last_updated_by", user);
      }
      case "forms" -> d.append("name", name + " Form").append("description", "Inputs for " + name)
          .append("struct", new Document("type", "object").append("items", List.of(
              new Document("type", "string").append("name", "deviceName").append("required", true),
              new Document("type", "number").append("name", "vlanId").append("minimum", 1).append("maximum", 4094))))
          .append("groups", List.of()).append("created", created).append("createdBy", user)
          .append("lastUpdated", updated).append("lastUpdatedBy", user).append("version", "2023.1");
      case "transformations" -> d.append("name", "jst" + name.replace(" ", ""))
          .append("incoming", List.of(new Document(schemaIdKey, "input").append("type", "object")
              .append("properties", new Document("hostname", new Document("type", "string")))))
          .append("outgoing", List.of(new Document(schemaIdKey, "fqdn").append("type", "string")))
          .append("steps", List.of(new Document("id", 1).append("type", "method").append("library", "String")
              .append("method", "concat").append("args", List.of(
                  new Document("type", "variable").append("variable", "input.hostname"),
                  new Document("type", "static").append("value", ".example.net")))
              .append("view", new Document("row", 1).append("col", 1))))
          .append("functions", List.of()).append("tags", List.of("demo")).append("version", "1.0.0")
          .append("created", created).append("createdBy", user).append("lastUpdated", updated);
      case "mop_templates" -> d.append("name", name + " template").append("group", VENDORS[r.nextInt(VENDORS.length)])
          .append("type", r.nextBoolean() ? "jinja2" : "textfsm")
          .append("command", "show running-config interface")
          .append("template", "interface {{ name }}\n description {{ description }}\n vlan {{ vlanId }}\n")
          .append("data", "{\"name\": \"Gi0/" + (i % 48) + "\", \"description\": \"uplink\", \"vlanId\": " + (100 + i % 900) + "}")
          .append("created", created).append("createdBy", user).append("lastUpdated", updated);
      case "automations" -> d.append("name", name).append("description", "Operations Manager automation")
          .append("componentType", "workflows").append("componentName", name)
          .append("gbac", new Document("write", List.of(id(98, 1))).append("read", List.of(id(98, 2))))
          .append("triggers", List.of(new Document("type", "manual").append("name", name + " (manual)")
              .append("enabled", true).append("formId", id(11, i % 50))))
          .append("created", created).append("createdBy", user).append("lastUpdated", updated);
      case "json-forms" -> d.append("name", name + " JSON form")
          .append("schema", new Document("type", "object").append("properties", new Document("site",
              new Document("type", "string").append("enum", List.of("ATL", "DFW", "SJC")))))
          .append("uiSchema", new Document("site", new Document("ui:widget", "select")))
          .append("bindingSchema", new Document()).append("validationSchema", new Document())
          .append("created", created).append("createdBy", user).append("lastUpdated", updated);
      case "triggers" -> d.append("name", name + " trigger").append("type", r.nextBoolean() ? "endpoint" : "eventSystem")
          .append("description", "Starts " + name).append("enabled", r.nextBoolean())
          .append("actionType", "automations").append("actionId", id(14, i % 50).toHexString())
          .append("verb", "POST").append("routeName", "trigger-" + (i + 1)).append("created", created)
          .append("createdBy", user).append("lastUpdated", updated);
      case "custom_app_inventory" -> {
        List<Document> ifaces = new ArrayList<>();
        for (int k = 0; k < 2 + r.nextInt(4); k++) {
          ifaces.add(new Document("name", "ge-0/0/" + k).append("adminUp", r.nextBoolean())
              .append("ipv4", "10." + (i % 250) + "." + k + ".1/30"));
        }
        d.append("hostname", "rtr-" + String.format("%05d", i) + ".example.net")
            .append("vendor", VENDORS[r.nextInt(VENDORS.length)]).append("os", "17." + r.nextInt(12) + ".1")
            .append("mgmtIp", "192.0.2." + (i % 254 + 1)).append("site", new String[] {"ATL", "DFW", "SJC"}[i % 3])
            .append("interfaces", ifaces).append("lastSeen", updated);
      }
      default -> throw new IllegalArgumentException(collection);
    }
    return d;
  }

  /** The platform's own small collections: people and permissions, projects, tags and models. */
  private static Document platformDocument(String collection, int i, int salt) {
    Document d = new Document("_id", id(salt, i));
    Date created = Date.from(BASE.plus(i, ChronoUnit.DAYS));
    String[] groups = {"admin", "operators", "designers", "auditors"};
    String[] roles = {"admin", "apiread", "apiwrite", "engineering", "operator", "support"};
    return switch (collection) {
      case "accounts" -> d.append("provenance", "Local AAA").append("username", "user" + i + "@itential")
          .append("firstname", "User").append("lastname", String.valueOf(i)).append("inactive", false)
          .append("loggedIn", false).append("groups", List.of(new Document("provenance", "Local AAA")
              .append("name", groups[i % groups.length]))).append("roles", List.of()).append("_meta", new Document("created", created));
      case "groups" -> d.append("provenance", "Local AAA").append("name", groups[i % groups.length])
          .append("description", groups[i % groups.length] + " group").append("inactive", false)
          .append("roles", List.of(new Document("_id", id(62, i % 6)))).append("_meta", new Document("created", created));
      case "roles" -> d.append("provenance", "AutomationStudio").append("name", roles[i % roles.length])
          .append("allowedMethods", List.of(new Document("name", "getWorkflows").append("provenance", "WorkFlowEngine")))
          .append("allowedViews", List.of()).append("_meta", new Document("created", created));
      case "projects" -> d.append("iid", i + 1).append("name", "Network Automation " + (i + 1)).append("description", "Demo project")
          .append("components", List.of(new Document("type", "workflow").append("reference", id(10, i).toHexString())))
          .append("members", List.of(new Document("type", "group").append("role", "owner").append("reference", id(61, 0).toHexString())))
          .append("created", created).append("lastUpdated", created);
      case "tags" -> d.append("name", new String[] {"network", "cisco", "juniper", "vlan", "bgp", "audit", "day2", "demo"}[i % 8])
          .append("description", "demo tag").append("created", created);
      case "ucm_configs" -> d.append("name", "golden-config-" + VENDORS[i % VENDORS.length]).append("deviceType", VENDORS[i % VENDORS.length])
          .append("nodes", List.of(new Document("path", "interfaces").append("lines", List.of("description uplink"))))
          .append("created", created);
      case "resource_models" -> d.append("name", "L3VPN Service " + (i + 1)).append("description", "Lifecycle Manager model")
          .append("schema", new Document("type", "object").append("properties", new Document("vrf", new Document("type", "string"))))
          .append("actions", List.of(new Document("name", "Create").append("type", "create").append("workflow", id(10, i).toHexString())))
          .append("created", created);
      case "integration_models" -> d.append("versionId", "demo-api:" + (i + 1) + ".0.0").append("model", new Document("openapi", "3.0.0")
          .append("info", new Document("title", "Demo API " + (i + 1)).append("version", (i + 1) + ".0.0")))
          .append("created", created);
      default -> throw new IllegalArgumentException(collection);
    };
  }

  /** Job output and attachments in GridFS, as the platform keeps them: runtime data, never copied. */
  private static void jobData(MongoDatabase db, int jobs) {
    com.mongodb.client.gridfs.GridFSBucket bucket = com.mongodb.client.gridfs.GridFSBuckets.create(db, "job_data");
    for (int i = 0; i < Math.min(jobs, 20); i++) {
      byte[] data = ("{\"job\": \"" + id(93, i).toHexString() + "\", \"output\": \"" + "ok ".repeat(200) + "\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bucket.uploadFromStream(new org.bson.BsonObjectId(id(95, i)), "job-" + i + ".json", new java.io.ByteArrayInputStream(data));
    }
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
      out.add(new Document("_id", id(92, i)).append("name", m[i][0]).append("app", m[i][1])
          .append("status", "complete").append("appliedAt", Date.from(BASE.plus(i * 17L, ChronoUnit.DAYS)))
          .append("version", "2023.1." + i));
    }
    return out;
  }

  /**
   * Jobs still running on Blue when the cutover drains it (they finish one a second): a platform
   * runs tens at a time whatever its history holds, and a million-document demo must not drain for
   * an hour. The default demo's 40 jobs give exactly this many.
   */
  static final int MAX_RUNNING_JOBS = 10;

  private static List<Document> jobs(int n) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Document("_id", id(93, i)).append("name", "Provision VLAN " + i)
          .append("status", i % 4 == 0 && i < MAX_RUNNING_JOBS * 4 ? "running" : "complete").append("type", "automation")
          .append("variables", new Document("deviceName", "rtr-" + i)).append("metrics",
              new Document("start_time", Date.from(BASE.plus(i, ChronoUnit.HOURS))).append("user", "admin@pronghorn")));
    }
    return out;
  }

  private static List<Document> tasks(int jobs) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < jobs * 3; i++) {
      out.add(new Document("_id", id(94, i)).append("job", new Document("_id", id(93, i / 3)))
          .append("name", "runCommand" + (i % 3)).append("status", i % 3 == 2 ? "incomplete" : "complete"));
    }
    return out;
  }
}
