package io.bluegreen.activities.connections;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bson.Document;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a server says about itself, so that two connection names (an alias, an IP address, an SRV
 * record) reaching the same server compare equal whatever their URIs say. Read-only commands only.
 *
 * <ul>
 *   <li>MongoDB replica set: {@code hello}'s {@code setName} and member list.
 *   <li>MongoDB sharded cluster (a mongos): {@code serverStatus}'s {@code
 *       sharding.configsvrConnectionString}, the same through every router.
 *   <li>MongoDB standalone (or mongos) 4.4+: {@code hello}'s {@code topologyVersion.processId}, new
 *       on every start of the process.
 *   <li>Otherwise (older servers, wire-compatible emulators): {@code serverStatus}'s {@code host}
 *       and {@code pid}, and the process start ({@code localTime - uptimeMillis}).
 *   <li>Redis: {@code INFO server}'s {@code run_id} (new on every start of redis-server); on a
 *       Redis Cluster, the cluster's node ids.
 * </ul>
 */
public record ServerIdentity(
    String kind, String id, String host, long pid, long startedMillis, boolean redisCluster) {
  /**
   * {@code localTime} and {@code uptimeMillis} are two readings of the clock a moment apart, so the
   * start they give moves by a millisecond or two between calls; two processes started that close
   * together on one host with one pid are one process.
   */
  private static final long START_TOLERANCE_MILLIS = 25;

  /** The same server (or replica set, or cluster) as the other. */
  public boolean sameAs(ServerIdentity o) {
    if (!kind.equals(o.kind)) {
      return false;
    }
    if (kind.equals("standalone")) {
      return host.equals(o.host)
          && pid == o.pid
          && Math.abs(startedMillis - o.startedMillis) <= START_TOLERANCE_MILLIS;
    }
    return id.equals(o.id);
  }

  /** For messages: which server this is, with nothing secret in it. */
  public String describe() {
    return switch (kind) {
      case "replicaSet" -> "replica set " + id;
      case "process" -> "MongoDB process " + id;
      case "shardedCluster" -> "sharded cluster with config servers " + id;
      case "standalone" -> "server " + host + " (pid " + pid + ")";
      case "redisCluster" -> "Redis Cluster " + id;
      default -> "Redis server run_id " + id;
    };
  }

  public static ServerIdentity mongo(MongoDatabase admin) {
    Document hello;
    try {
      hello = admin.runCommand(new Document("hello", 1));
    } catch (MongoCommandException e) {
      hello = admin.runCommand(new Document("isMaster", 1));
    }
    return mongo(hello, () -> admin.runCommand(new Document("serverStatus", 1)));
  }

  /** The identity {@code hello} gives, asking {@code serverStatus} only when it must. */
  static ServerIdentity mongo(Document hello, Supplier<Document> serverStatus) {
    Object setName = hello.get("setName");
    if (setName instanceof String name && !name.isEmpty()) {
      TreeSet<String> members = new TreeSet<>();
      for (String field : new String[] {"hosts", "passives", "arbiters"}) {
        Object list = hello.get(field);
        if (list instanceof List<?> l) {
          l.forEach(h -> members.add(String.valueOf(h).toLowerCase(Locale.ROOT)));
        }
      }
      return new ServerIdentity("replicaSet", name + " " + members, null, 0, 0, false);
    }
    if ("isdbgrid".equals(hello.get("msg"))) {
      // A mongos: every router of one sharded cluster names the same config server replica set.
      Object sharding = serverStatus.get().get("sharding");
      if (sharding instanceof Document d
          && d.get("configsvrConnectionString") instanceof String cs) {
        return new ServerIdentity("shardedCluster", cs.toLowerCase(Locale.ROOT), null, 0, 0, false);
      }
    }
    if (hello.get("topologyVersion") instanceof Document tv && tv.get("processId") != null) {
      return new ServerIdentity("process", String.valueOf(tv.get("processId")), null, 0, 0, false);
    }
    Document status = serverStatus.get();
    String host = String.valueOf(status.get("host")).toLowerCase(Locale.ROOT);
    long pid = status.get("pid") instanceof Number n ? n.longValue() : -1;
    long started = -1;
    if (status.get("localTime") instanceof Date now
        && status.get("uptimeMillis") instanceof Number up) {
      started = now.getTime() - up.longValue();
    }
    return new ServerIdentity("standalone", host + "/" + pid, host, pid, started, false);
  }

  public static ServerIdentity redis(UnifiedJedis redis) {
    String server = redis.info("server");
    String runId = field(server, "run_id");
    String cluster = field(redis.info("cluster"), "cluster_enabled");
    if ("1".equals(cluster)) {
      List<String> ids = new ArrayList<>();
      Object nodes = redis.sendCommand(Protocol.Command.CLUSTER, "NODES");
      String text =
          nodes instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(nodes);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.trim().split(" ")[0]);
        }
      }
      Collections.sort(ids);
      return new ServerIdentity("redisCluster", String.join(",", ids), null, 0, 0, true);
    }
    if (runId == null) {
      throw new IllegalStateException("the Redis server did not report its run_id in INFO server");
    }
    return new ServerIdentity("redis", runId, null, 0, 0, false);
  }

  private static String field(String info, String name) {
    if (info == null) {
      return null;
    }
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }
}
