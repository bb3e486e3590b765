package io.bluegreen.devtools;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.bluegreen.starter.StatusTable;
import io.bluegreen.starter.TextTable;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import redis.clients.jedis.Jedis;

/**
 * What the demo shows at the end, read from the databases themselves rather than taken on trust.
 */
public record DemoSummary(
    DeploymentStatus status,
    List<String[]> collections,
    Map<String, Object> blueSwitches,
    Map<String, Object> greenSwitches,
    String traffic,
    boolean allMatch) {

  public static DemoSummary read(
      DeploymentStatus s, MongoClient mongo, Jedis jedis, String trafficKey) {
    PlatformSpec blue = s.blue();
    PlatformSpec green = s.green();
    List<String[]> rows = new ArrayList<>();
    boolean all = s.collections() != null && !s.collections().isEmpty();
    for (CollectionProgress c :
        s.collections() == null ? List.<CollectionProgress>of() : s.collections()) {
      long b = mongo.getDatabase(blue.database()).getCollection(c.name()).countDocuments();
      long g = mongo.getDatabase(green.database()).getCollection(c.name()).countDocuments();
      boolean match = Boolean.TRUE.equals(c.match()) && b == g;
      all &= match;
      rows.add(
          new String[] {
            c.name(),
            String.valueOf(b),
            String.valueOf(g),
            StatusTable.prefix(c.blueDigest()),
            StatusTable.prefix(c.greenDigest()),
            match ? "yes" : "NO"
          });
    }
    return new DemoSummary(
        s, rows, switches(mongo, blue), switches(mongo, green), traffic(jedis, trafficKey), all);
  }

  /** The same, with each platform's workers as its (simulated) Itential API reports them. */
  public static DemoSummary read(
      DeploymentStatus s,
      MongoClient mongo,
      Jedis jedis,
      String trafficKey,
      Map<String, Object> blueWorkers,
      Map<String, Object> greenWorkers) {
    DemoSummary d = read(s, mongo, jedis, trafficKey);
    return new DemoSummary(
        s, d.collections(), blueWorkers, greenWorkers, d.traffic(), d.allMatch());
  }

  private static Map<String, Object> switches(MongoClient mongo, PlatformSpec p) {
    Document d =
        mongo
            .getDatabase(p.database())
            .getCollection("iap_profiles")
            .find(Filters.eq("id", p.profile()))
            .first();
    if (d == null) {
      return Map.of("profile", "missing");
    }
    return Map.of(
        "startJobs",
        String.valueOf(d.get("startJobs")),
        "taskWorker",
        String.valueOf(d.get("taskWorker")));
  }

  private static String traffic(Jedis jedis, String key) {
    jedis.select(0);
    String type = jedis.type(key);
    return switch (type) {
      case "string" -> jedis.get(key);
      case "hash" -> String.valueOf(jedis.hgetAll(key));
      case "none" -> "(unset)";
      default -> "(" + type + ")";
    };
  }

  public String render(String workflowId) {
    return render(workflowId, true);
  }

  /** {@code decisionsNext}: whether rollback and finalize are offered as the next commands. */
  public String render(String workflowId, boolean decisionsNext) {
    StringBuilder sb =
        new StringBuilder(
            "Demo deployment " + workflowId + " ended in phase " + status.phase() + "\n\n");
    TextTable t =
        new TextTable(
                "collection", "Blue docs", "Green docs", "Blue digest", "Green digest", "match")
            .right(1, 2);
    collections.forEach(r -> t.row((Object[]) r));
    sb.append(t.render("  "));
    if (status.blueRelease() != null || status.greenRelease() != null) {
      sb.append("\n  releases  Blue ")
          .append(status.blueRelease())
          .append(", Green ")
          .append(status.greenRelease());
    }
    sb.append("\n  switches  Blue (")
        .append(status.blue().database())
        .append("): ")
        .append(blueSwitches)
        .append("\n            Green (")
        .append(status.green().database())
        .append("): ")
        .append(greenSwitches)
        .append("\n  traffic   ")
        .append("bluegreen:active on Redis db 0 = ")
        .append(traffic)
        .append('\n');
    if (status.error() != null) {
      sb.append("  error     ").append(status.error()).append('\n');
    }
    sb.append("\n  ")
        .append(allMatch ? "every collection matches" : "NOT every collection matches")
        .append('\n');
    sb.append("\nnext:\n");
    if (decisionsNext) {
      sb.append("  ./bluegreen rollback ")
          .append(workflowId)
          .append(" --by NAME --reason TEXT\n  ./bluegreen finalize ")
          .append(workflowId)
          .append(" --by NAME --reason TEXT\n");
    }
    sb.append("  ./bluegreen audit ").append(workflowId).append('\n');
    return sb.toString();
  }
}
