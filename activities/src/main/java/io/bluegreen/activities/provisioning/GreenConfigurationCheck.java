package io.bluegreen.activities.provisioning;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Preflight's preview of Green's own configuration: the profile and service configs exactly as
 * provisioning will write them, as differences from Blue's, and the values in them that still look
 * specific to Blue's environment. Reads Blue only.
 */
public final class GreenConfigurationCheck {
  private final Connections connections;

  public GreenConfigurationCheck(Connections connections) {
    this.connections = connections;
  }

  public List<ConfigDifference> preview(
      MongoDatabase blueDb,
      Document blueProfile,
      PlatformSpec blue,
      PlatformSpec green,
      Switches switches,
      List<String> findings) {
    Set<String> blueHosts = hosts(blue);
    blueHosts.removeAll(hosts(green));
    int blueRedisDb = blue.redisDb() == null ? 0 : blue.redisDb();
    List<ConfigDifference> changes = new ArrayList<>();
    List<String> specific = new ArrayList<>();

    Document greenProfile =
        GreenConfiguration.profile(blueProfile, green, switches, greenRedisHostPort(blue, green));
    String profileName = GreenConfiguration.PROFILES + "/" + green.profile();
    changes.addAll(GreenConfiguration.diff(profileName, blueProfile, greenProfile));
    specific.addAll(
        GreenConfiguration.blueSpecific(
            profileName, blueProfile, greenProfile, blue.database(), blueRedisDb, blueHosts));

    Set<String> names = new TreeSet<>();
    try (MongoCursor<Document> c =
        blueDb.getCollection(GreenConfiguration.SERVICE_CONFIGS).find().iterator()) {
      while (c.hasNext()) {
        Document blueConfig = c.next();
        String name = blueConfig.get("name") instanceof String n ? n : null;
        if (name == null) {
          findings.add(
              "Blue's service config "
                  + blueConfig.get("_id")
                  + " has no name: it is copied to Green unchanged,"
                  + " keyed by its _id");
          continue;
        }
        names.add(name);
        Document greenConfig = GreenConfiguration.serviceConfig(blueConfig, green);
        String label = GreenConfiguration.SERVICE_CONFIGS + "/" + name;
        changes.addAll(GreenConfiguration.diff(label, blueConfig, greenConfig));
        specific.addAll(
            GreenConfiguration.blueSpecific(
                label, blueConfig, greenConfig, blue.database(), blueRedisDb, blueHosts));
      }
    }
    if (green.serviceConfigOverrides() != null) {
      for (String name : green.serviceConfigOverrides().keySet()) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException(
              "green.serviceConfigOverrides names service '"
                  + name
                  + "', but Blue has no"
                  + " service config of that name"
                  + (names.isEmpty() ? "" : " (names there: " + String.join(", ", names) + ")"));
        }
      }
    }
    if (!specific.isEmpty()) {
      findings.add(
          "Green would keep "
              + specific.size()
              + " value(s) that look specific to Blue's environment (override them"
              + " in green.profileOverrides or green.serviceConfigOverrides if Green needs its own): "
              + String.join("; ", specific));
    }
    return changes;
  }

  /**
   * Green's Redis host:port when it is another server than Blue's (provisioning writes it), else
   * null.
   */
  String greenRedisHostPort(PlatformSpec blue, PlatformSpec green) {
    String greenKey = connections.redisServerKey(green.redis());
    return greenKey.equals(connections.redisServerKey(blue.redis())) ? null : greenKey;
  }

  private Set<String> hosts(PlatformSpec p) {
    Set<String> out = new LinkedHashSet<>();
    for (String hp : connections.mongoServerKey(p.mongo()).split(",")) {
      out.add(hostOf(hp));
    }
    out.add(hostOf(connections.redisServerKey(p.redis())));
    out.remove("");
    return out;
  }

  private static String hostOf(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(']') < colon ? hostPort.substring(0, colon) : hostPort;
  }
}
