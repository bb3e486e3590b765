package io.bluegreen.simulated;

import static io.bluegreen.simulated.DemoPlatform.RESOURCE_WEIGHTS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The resource models of the sample platform, in the shapes Itential keeps them (workflows, forms,
 * transformations, MOP templates, automations, triggers, devices...), and the stable {@code _id}s
 * and dates of every sample document, so two seeds produce the same documents. The platform's own
 * small collections are {@link SamplePlatformCollections}.
 */
final class SampleDocuments {
  static final Instant BASE = Instant.parse("2024-03-04T09:15:00Z");
  private static final String[] APPS = {
    "ConfigurationManager",
    "TemplateBuilder",
    "MOP",
    "WorkFlowEngine",
    "AutomationStudio",
    "OperationsManager"
  };
  static final String[] VENDORS = {"cisco", "juniper", "arista", "nokia"};
  private static final String[] VERBS = {
    "Provision", "Decommission", "Audit", "Upgrade", "Backup", "Validate", "Configure"
  };
  private static final String[] OBJECTS = {
    "VLAN",
    "BGP Peer",
    "Interface",
    "ACL",
    "L3VPN",
    "Firmware",
    "NTP Servers",
    "SNMP Community",
    "Loopback"
  };

  private final String schemaIdKey;

  SampleDocuments(String schemaIdKey) {
    this.schemaIdKey = schemaIdKey;
  }

  static ObjectId id(int collection, int i) {
    // Stable ids, so that reseeding produces the very same documents.
    return new ObjectId(Date.from(BASE.plus(collection, ChronoUnit.DAYS)), i);
  }

  static Date at(Random r) {
    return Date.from(BASE.plus(r.nextInt(400 * 24 * 60), ChronoUnit.MINUTES));
  }

  Document resource(String collection, int i, Random r) {
    int salt = new ArrayList<>(RESOURCE_WEIGHTS.keySet()).indexOf(collection);
    ObjectId oid = id(10 + salt, i);
    String name =
        VERBS[r.nextInt(VERBS.length)] + " " + OBJECTS[r.nextInt(OBJECTS.length)] + " " + (i + 1);
    Date created = at(r);
    Date updated = Date.from(created.toInstant().plus(r.nextInt(90), ChronoUnit.DAYS));
    ObjectId user = id(99, r.nextInt(12));
    Document d = new Document("_id", oid);
    switch (collection) {
      case "workflows" -> {
        Document tasks =
            new Document(
                "workflow_start",
                new Document("name", "workflow_start")
                    .append("groups", List.of())
                    .append("x", 0.05)
                    .append("y", 0.5));
        Document transitions = new Document();
        String prev = "workflow_start";
        int steps = 2 + r.nextInt(5);
        for (int t = 0; t < steps; t++) {
          String key = Integer.toHexString(0x1000 + r.nextInt(0xefff));
          String app = APPS[r.nextInt(APPS.length)];
          tasks.append(
              key,
              new Document("name", t == 0 ? "getDevice" : "runCommand" + t)
                  .append("app", app)
                  .append("type", r.nextBoolean() ? "automatic" : "manual")
                  .append("location", "Application")
                  .append("summary", name + " step " + (t + 1))
                  .append("actor", "Pronghorn")
                  .append("groups", List.of())
                  .append(
                      "variables",
                      new Document(
                              "incoming",
                              new Document("deviceName", "$var.job.deviceName")
                                  .append("timeout", 60 + r.nextInt(300)))
                          .append("outgoing", new Document("result", null)))
                  .append("x", 0.1 + 0.8 * t / steps)
                  .append("y", 0.3 + r.nextDouble() * 0.4));
          transitions.append(
              prev, new Document(key, new Document("type", "standard").append("state", "success")));
          prev = key;
        }
        tasks.append(
            "workflow_end",
            new Document("name", "workflow_end")
                .append("groups", List.of())
                .append("x", 0.95)
                .append("y", 0.5));
        transitions.append(
            prev,
            new Document(
                "workflow_end", new Document("type", "standard").append("state", "success")));
        transitions.append("workflow_end", new Document());
        d.append("name", name)
            .append("type", "automation")
            .append("description", "Demo workflow: " + name)
            .append("tasks", tasks)
            .append("transitions", transitions)
            .append("groups", List.of())
            .append(
                "inputSchema",
                new Document("type", "object")
                    .append(
                        "properties", new Document("deviceName", new Document("type", "string")))
                    .append("required", List.of("deviceName")))
            .append("outputSchema", new Document("type", "object"))
            .append("canvasVersion", 3)
            .append("encodingVersion", 1)
            .append("font_size", 12)
            .append("tags", List.of())
            .append("created", created)
            .append("created_by", user)
            .append("last_updated", updated)
            .append("last_updated_by", user);
      }
      case "forms" ->
          d.append("name", name + " Form")
              .append("description", "Inputs for " + name)
              .append(
                  "struct",
                  new Document("type", "object")
                      .append(
                          "items",
                          List.of(
                              new Document("type", "string")
                                  .append("name", "deviceName")
                                  .append("required", true),
                              new Document("type", "number")
                                  .append("name", "vlanId")
                                  .append("minimum", 1)
                                  .append("maximum", 4094))))
              .append("groups", List.of())
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated)
              .append("lastUpdatedBy", user)
              .append("version", "2023.1");
      case "transformations" ->
          d.append("name", "jst" + name.replace(" ", ""))
              .append(
                  "incoming",
                  List.of(
                      new Document(schemaIdKey, "input")
                          .append("type", "object")
                          .append(
                              "properties",
                              new Document("hostname", new Document("type", "string")))))
              .append(
                  "outgoing", List.of(new Document(schemaIdKey, "fqdn").append("type", "string")))
              .append(
                  "steps",
                  List.of(
                      new Document("id", 1)
                          .append("type", "method")
                          .append("library", "String")
                          .append("method", "concat")
                          .append(
                              "args",
                              List.of(
                                  new Document("type", "variable")
                                      .append("variable", "input.hostname"),
                                  new Document("type", "static").append("value", ".example.net")))
                          .append("view", new Document("row", 1).append("col", 1))))
              .append("functions", List.of())
              .append("tags", List.of("demo"))
              .append("version", "1.0.0")
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated);
      case "mop_templates" ->
          d.append("name", name + " template")
              .append("group", VENDORS[r.nextInt(VENDORS.length)])
              .append("type", r.nextBoolean() ? "jinja2" : "textfsm")
              .append("command", "show running-config interface")
              .append(
                  "template",
                  "interface {{ name }}\n description {{ description }}\n vlan {{ vlanId }}\n")
              .append(
                  "data",
                  "{\"name\": \"Gi0/"
                      + (i % 48)
                      + "\", \"description\": \"uplink\", \"vlanId\": "
                      + (100 + i % 900)
                      + "}")
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated);
      case "automations" ->
          d.append("name", name)
              .append("description", "Operations Manager automation")
              .append("componentType", "workflows")
              .append("componentName", name)
              .append(
                  "gbac",
                  new Document("write", List.of(id(98, 1))).append("read", List.of(id(98, 2))))
              .append(
                  "triggers",
                  List.of(
                      new Document("type", "manual")
                          .append("name", name + " (manual)")
                          .append("enabled", true)
                          .append("formId", id(11, i % 50))))
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated);
      case "json-forms" ->
          d.append("name", name + " JSON form")
              .append(
                  "schema",
                  new Document("type", "object")
                      .append(
                          "properties",
                          new Document(
                              "site",
                              new Document("type", "string")
                                  .append("enum", List.of("ATL", "DFW", "SJC")))))
              .append("uiSchema", new Document("site", new Document("ui:widget", "select")))
              .append("bindingSchema", new Document())
              .append("validationSchema", new Document())
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated);
      case "triggers" ->
          d.append("name", name + " trigger")
              .append("type", r.nextBoolean() ? "endpoint" : "eventSystem")
              .append("description", "Starts " + name)
              .append("enabled", r.nextBoolean())
              .append("actionType", "automations")
              .append("actionId", id(14, i % 50).toHexString())
              .append("verb", "POST")
              .append("routeName", "trigger-" + (i + 1))
              .append("created", created)
              .append("createdBy", user)
              .append("lastUpdated", updated);
      case "custom_app_inventory" -> {
        List<Document> ifaces = new ArrayList<>();
        for (int k = 0; k < 2 + r.nextInt(4); k++) {
          ifaces.add(
              new Document("name", "ge-0/0/" + k)
                  .append("adminUp", r.nextBoolean())
                  .append("ipv4", "10." + (i % 250) + "." + k + ".1/30"));
        }
        d.append("hostname", "rtr-" + String.format("%05d", i) + ".example.net")
            .append("vendor", VENDORS[r.nextInt(VENDORS.length)])
            .append("os", "17." + r.nextInt(12) + ".1")
            .append("mgmtIp", "192.0.2." + (i % 254 + 1))
            .append("site", new String[] {"ATL", "DFW", "SJC"}[i % 3])
            .append("interfaces", ifaces)
            .append("lastSeen", updated);
      }
      default -> throw new IllegalArgumentException(collection);
    }
    return d;
  }
}
