package io.bluegreen.simulated;

import static io.bluegreen.simulated.SampleDocuments.id;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The sample platform's configuration, as Itential keeps it: its profile (uiProps,
 * authenticationProps, expressProps, loggerProps, redisProps, services) and the service configs
 * keyed by {@code name}. These are what a deployment rewrites for Green, so their shapes follow the
 * real platform's.
 */
final class SampleConfiguration {
  private SampleConfiguration() {}

  static Document profile(String redisHost, int redisPort, boolean profileSwitches) {
    Document d =
        new Document("_id", id(90, 1))
            .append("id", "blue")
            .append("description", "Blue Itential Platform (demo)")
            .append(
                "services",
                List.of(
                    "local_aaa",
                    "AutomationStudio",
                    "OperationsManager",
                    "nso",
                    "servicenow",
                    "email"))
            .append(
                "uiProps",
                new Document("layout", "node_modules/@itential/pronghorn-core/ui/views/layout.jade")
                    .append("home", "node_modules/@itential/pronghorn-core/ui/views/home.jade")
                    .append("fav_icon", "favicon.ico"))
            .append(
                "authenticationProps",
                new Document("logoutTime", 20)
                    .append("uniqueSession", false)
                    .append(
                        "admins",
                        List.of(new Document("provenance", "Local AAA").append("group", "admin"))))
            .append(
                "expressProps",
                new Document("cacheControl", false)
                    .append("timeout", 300000)
                    .append("access_control_allow_origin", "*")
                    .append("http_port", 3000)
                    .append("https", false))
            .append(
                "loggerProps",
                new Document("log_max_files", 100)
                    .append("log_max_file_size", 1048576)
                    .append("log_level", "info")
                    .append("log_directory", "/var/log/itential/")
                    .append("console_level", "warning"))
            .append(
                "redisProps",
                new Document("db", 0)
                    .append("host", redisHost)
                    .append("port", redisPort)
                    .append("maxRetriesPerRequest", 20)
                    .append("maxHeartbeatWriteRetries", 20))
            .append(
                "systemProps",
                new Document("shutdownTimeout", 3)
                    .append("servicesBlacklist", List.of())
                    .append("launchDelay", 1)
                    .append("launchTimeout", 600)
                    .append("serviceHealthCheckFrequency", 50000))
            .append("pathProps", new Document("encrypted", false))
            .append("alarmProps", List.of())
            .append("prebuiltProps", new Document("repoConfigs", new Document()))
            .append(
                "adapterStrategy",
                new Document(
                    "device",
                    new Document("adapterTypes", List.of()).append("exceptions", List.of())));
    if (profileSwitches) {
      d.append("taskWorker", true).append("startJobs", true);
    }
    return d;
  }

  /**
   * Service configs as the platform keys them, by {@code name}; local_aaa names Blue's database.
   */
  static List<Document> serviceConfigs(String blueDb) {
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
      Document props =
          s[0].equals("local_aaa")
              ? new Document("authentication", new Document("type", "local"))
                  .append(
                      "database",
                      new Document("db", blueDb).append("url", "mongodb://127.0.0.1:27017"))
              : s[2].equals("Adapter")
                  ? new Document("host", s[0].toLowerCase().replace(' ', '-') + ".example.net")
                      .append("port", 443)
                      .append("protocol", "https")
                      .append(
                          "authentication",
                          new Document("auth_method", "basic user_password")
                              .append("username", "svc_itential")
                              .append("password", "{code}encrypted-placeholder"))
                      .append(
                          "healthcheck", new Document("type", "startup").append("frequency", 60000))
                      .append(
                          "throttle", new Document("enabled", false).append("concurrent_max", 1))
                  : new Document("maxConcurrentJobs", 50).append("jobRetention", "P30D");
      out.add(
          new Document("_id", id(91, i))
              .append("name", s[0])
              .append("model", s[1])
              .append("type", s[2])
              .append("isEncrypted", false)
              .append(
                  "properties",
                  new Document("id", s[0])
                      .append("type", s[0])
                      .append("properties", props)
                      .append(
                          "brokers",
                          s[2].equals("Adapter") ? List.of("device", "config") : List.of()))
              .append(
                  "loggerProps",
                  new Document("log_level", "info").append("console_level", "warning"))
              .append("eventDeduplication", new Document("active", false))
              .append("groups", List.of()));
    }
    return out;
  }
}
