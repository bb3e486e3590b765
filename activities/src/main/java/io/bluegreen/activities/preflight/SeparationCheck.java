package io.bluegreen.activities.preflight;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.ServerIdentity;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.model.PlatformSpec;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * Preflight's check that Green is separate from Blue, by the servers' identities ({@link
 * ServerIdentity}), and that the traffic key stays out of Blue's own Redis db. Read-only; a problem
 * is an {@link IllegalArgumentException} saying what to fix.
 */
final class SeparationCheck {
  private final Connections connections;

  SeparationCheck(Connections connections) {
    this.connections = connections;
  }

  /**
   * Green must be separate from Blue by what the servers say they are, not by how the connections
   * spell them: an alias, an IP address or an SRV record of Blue's server is Blue's server.
   */
  void separate(PlatformSpec blue, PlatformSpec green, int blueDb, int greenDb) {
    if (connections.stateDatabase().equals(blue.database())) {
      // Blue is only read; the baselines live in the state database on Green's server.
      throw new IllegalArgumentException(
          "the worker's state database '"
              + blue.database()
              + "' is Blue's database: "
              + "set state.database in the worker configuration to another name (default bluegreen_state)");
    }
    ServerIdentity blueMongo =
        ServerIdentity.mongo(connections.mongo(blue.mongo()).getDatabase("admin"));
    ServerIdentity greenMongo =
        ServerIdentity.mongo(connections.mongo(green.mongo()).getDatabase("admin"));
    if (blueMongo.sameAs(greenMongo) && blue.database().equals(green.database())) {
      throw new IllegalArgumentException(
          "Green's MongoDB database is Blue's: connections '"
              + blue.mongo()
              + "' and '"
              + green.mongo()
              + "' reach the same "
              + blueMongo.describe()
              + " and both name database '"
              + blue.database()
              + "'"
              + (blue.profile().equals(green.profile())
                  ? ", with the same profile id '" + blue.profile() + "'"
                  : "")
              + "; give green.database another name");
    }
    ServerIdentity blueRedis = redisIdentity(blue, "Blue's");
    ServerIdentity greenRedis = redisIdentity(green, "Green's");
    if (greenRedis.redisCluster()) {
      if (greenDb != 0) {
        throw new IllegalArgumentException(
            "Green's Redis (connection '"
                + green.redis()
                + "') is a Redis Cluster, which has db 0 only: set green.redisDb to 0");
      }
      if (blueRedis.sameAs(greenRedis)) {
        throw new IllegalArgumentException(
            "Green's Redis is Blue's Redis Cluster ("
                + greenRedis.describe()
                + "), which has db 0 only, so Green cannot"
                + " be separate there: give Green a Redis of its own (green.redis)");
      }
    }
    if (blueRedis.sameAs(greenRedis) && blueDb == greenDb) {
      throw new IllegalArgumentException(
          "Green's Redis database is Blue's: connections '"
              + blue.redis()
              + "' and '"
              + green.redis()
              + "' reach the same "
              + blueRedis.describe()
              + " and both use db "
              + blueDb
              + "; give green.redisDb another number");
    }
  }

  /**
   * The traffic key is bluegreen's, not the platform's: written into Blue's own Redis db it would
   * sit among Blue's keys, so that takes the request naming the db ({@code
   * cutover.trafficRedisDb}).
   */
  void trafficKeyOutsideBlue(PreflightInput input, PlatformSpec blue, int blueDb) {
    if (input.trafficRedis() == null || input.trafficRedisDb() != null || blueDb != 0) {
      return;
    }
    connections.redisServerKey(input.trafficRedis());
    if (ServerIdentity.redis(connections.redis(input.trafficRedis(), 0))
        .sameAs(redisIdentity(blue, "Blue's"))) {
      throw new IllegalArgumentException(
          "the traffic key would be written into Blue's own Redis db 0 (connection '"
              + input.trafficRedis()
              + "' reaches Blue's Redis server): set cutover.trafficRedisDb to a db of its own, or to 0 to write it into"
              + " Blue's db knowingly");
    }
  }

  private ServerIdentity redisIdentity(PlatformSpec spec, String whose) {
    try {
      return ServerIdentity.redis(connections.redis(spec.redis(), 0));
    } catch (JedisAccessControlException e) {
      throw new IllegalArgumentException(
          "Redis connection '"
              + spec.redis()
              + "' ("
              + whose
              + ") refused the worker's credentials ("
              + connections.secrets().scrub(e.getMessage())
              + "); correct the password or user of redis."
              + spec.redis()
              + " in the worker configuration, or the environment variable it names");
    }
  }
}
