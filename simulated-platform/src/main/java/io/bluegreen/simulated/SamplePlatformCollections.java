package io.bluegreen.simulated;

import static io.bluegreen.simulated.SampleDocuments.BASE;
import static io.bluegreen.simulated.SampleDocuments.VENDORS;
import static io.bluegreen.simulated.SampleDocuments.id;

import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The sample platform's own small collections (accounts, groups, roles, projects, tags, golden
 * configs, models), in the shapes Itential keeps them. Fixed counts whatever the requested size
 * (see {@link DemoPlatform#PLATFORM_COLLECTIONS}); the ids and dates are stable, as with {@link
 * SampleDocuments}.
 */
final class SamplePlatformCollections {
  private SamplePlatformCollections() {}

  /** The platform's own small collections: people and permissions, projects, tags and models. */
  static Document document(String collection, int i, int salt) {
    Document d = new Document("_id", id(salt, i));
    Date created = Date.from(BASE.plus(i, ChronoUnit.DAYS));
    String[] groups = {"admin", "operators", "designers", "auditors"};
    String[] roles = {"admin", "apiread", "apiwrite", "engineering", "operator", "support"};
    return switch (collection) {
      case "accounts" ->
          d.append("provenance", "Local AAA")
              .append("username", "user" + i + "@itential")
              .append("firstname", "User")
              .append("lastname", String.valueOf(i))
              .append("inactive", false)
              .append("loggedIn", false)
              .append(
                  "groups",
                  List.of(
                      new Document("provenance", "Local AAA")
                          .append("name", groups[i % groups.length])))
              .append("roles", List.of())
              .append("_meta", new Document("created", created));
      case "groups" ->
          d.append("provenance", "Local AAA")
              .append("name", groups[i % groups.length])
              .append("description", groups[i % groups.length] + " group")
              .append("inactive", false)
              .append("roles", List.of(new Document("_id", id(62, i % 6))))
              .append("_meta", new Document("created", created));
      case "roles" ->
          d.append("provenance", "AutomationStudio")
              .append("name", roles[i % roles.length])
              .append(
                  "allowedMethods",
                  List.of(
                      new Document("name", "getWorkflows").append("provenance", "WorkFlowEngine")))
              .append("allowedViews", List.of())
              .append("_meta", new Document("created", created));
      case "projects" ->
          d.append("iid", i + 1)
              .append("name", "Network Automation " + (i + 1))
              .append("description", "Demo project")
              .append(
                  "components",
                  List.of(
                      new Document("type", "workflow")
                          .append("reference", id(10, i).toHexString())))
              .append(
                  "members",
                  List.of(
                      new Document("type", "group")
                          .append("role", "owner")
                          .append("reference", id(61, 0).toHexString())))
              .append("created", created)
              .append("lastUpdated", created);
      case "tags" ->
          d.append(
                  "name",
                  new String[] {
                        "network", "cisco", "juniper", "vlan", "bgp", "audit", "day2", "demo"
                      }
                      [i % 8])
              .append("description", "demo tag")
              .append("created", created);
      case "ucm_configs" ->
          d.append("name", "golden-config-" + VENDORS[i % VENDORS.length])
              .append("deviceType", VENDORS[i % VENDORS.length])
              .append(
                  "nodes",
                  List.of(
                      new Document("path", "interfaces")
                          .append("lines", List.of("description uplink"))))
              .append("created", created);
      case "resource_models" ->
          d.append("name", "L3VPN Service " + (i + 1))
              .append("description", "Lifecycle Manager model")
              .append(
                  "schema",
                  new Document("type", "object")
                      .append("properties", new Document("vrf", new Document("type", "string"))))
              .append(
                  "actions",
                  List.of(
                      new Document("name", "Create")
                          .append("type", "create")
                          .append("workflow", id(10, i).toHexString())))
              .append("created", created);
      case "integration_models" ->
          d.append("versionId", "demo-api:" + (i + 1) + ".0.0")
              .append(
                  "model",
                  new Document("openapi", "3.0.0")
                      .append(
                          "info",
                          new Document("title", "Demo API " + (i + 1))
                              .append("version", (i + 1) + ".0.0")))
              .append("created", created);
      default -> throw new IllegalArgumentException(collection);
    };
  }
}
