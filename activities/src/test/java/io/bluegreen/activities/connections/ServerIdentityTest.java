package io.bluegreen.activities.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a MongoDB deployment is identified from what it says about itself, for the deployments no
 * local server can play: a replica set reached through different members, routers of one sharded
 * cluster, and standalones with and without {@code topologyVersion}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerIdentityTest {
  private static ServerIdentity of(Document hello, Document serverStatus) {
    return ServerIdentity.mongo(hello, () -> serverStatus);
  }

  @Test
  void aReplicaSetIsTheSameThroughAnyMemberOrAlias() {
    Document viaPrimary =
        new Document("setName", "rs0").append("hosts", List.of("mongo-1:27017", "Mongo-2:27017"));
    Document viaSecondary =
        new Document("setName", "rs0")
            .append("hosts", List.of("mongo-2:27017", "mongo-1:27017"))
            .append("me", "mongo-2:27017");
    assertTrue(of(viaPrimary, null).sameAs(of(viaSecondary, null)));
    assertFalse(
        of(viaPrimary, null)
            .sameAs(
                of(
                    new Document("setName", "rs1").append("hosts", List.of("mongo-1:27017")),
                    null)));
  }

  @Test
  void routersOfOneShardedClusterAreOneCluster() {
    Document mongos = new Document("msg", "isdbgrid");
    Document status =
        new Document(
            "sharding", new Document("configsvrConnectionString", "cfg/c1:27019,c2:27019"));
    ServerIdentity a = of(mongos, status);
    ServerIdentity b =
        of(
            new Document(mongos)
                .append("topologyVersion", new Document("processId", new ObjectId())),
            status);
    assertTrue(a.sameAs(b), "two routers, one cluster");
    assertEquals("sharded cluster with config servers cfg/c1:27019,c2:27019", a.describe());
  }

  @Test
  void aStandaloneIsItsProcess() {
    ObjectId process = new ObjectId();
    assertTrue(
        of(new Document("topologyVersion", new Document("processId", process)), null)
            .sameAs(of(new Document("topologyVersion", new Document("processId", process)), null)));
    assertFalse(
        of(new Document("topologyVersion", new Document("processId", process)), null)
            .sameAs(
                of(
                    new Document("topologyVersion", new Document("processId", new ObjectId())),
                    null)));
    // Without topologyVersion (older servers, emulators): host, pid and the start, a moment's
    // jitter allowed.
    Document first =
        new Document("host", "db1")
            .append("pid", 42L)
            .append("localTime", new Date(1_000_000))
            .append("uptimeMillis", 5_000L);
    Document again =
        new Document("host", "DB1")
            .append("pid", 42L)
            .append("localTime", new Date(1_003_002))
            .append("uptimeMillis", 8_000L);
    Document restarted =
        new Document("host", "db1")
            .append("pid", 42L)
            .append("localTime", new Date(2_000_000))
            .append("uptimeMillis", 1_000L);
    assertTrue(of(new Document(), first).sameAs(of(new Document(), again)));
    assertFalse(
        of(new Document(), first).sameAs(of(new Document(), restarted)),
        "a restart with the same pid is another process");
  }
}
