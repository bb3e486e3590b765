package io.bluegreen.activities.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.support.ActivityBoundary;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectionsTest {
  final Connections c =
      new Connections(
          Map.of(
              "prod",
                  "mongodb://admin:m0ng0%40pw@DB2.example.com:27018,db1.example.com/?replicaSet=rs0",
              "local", "mongodb://127.0.0.1"),
          Map.of(
              "prod",
              "redis://default:r3dis-pw@Cache.example.com:6380",
              "local",
              "redis://127.0.0.1",
              "pwonly",
              "redis://only-pw@h"));

  @Test
  void normalisesServerIdentitiesWithoutCredentials() {
    assertEquals("db1.example.com:27017,db2.example.com:27018", c.mongoServerKey("prod"));
    assertEquals("127.0.0.1:27017", c.mongoServerKey("local"));
    assertEquals("cache.example.com:6380", c.redisServerKey("prod"));
    assertEquals("127.0.0.1:6379", c.redisServerKey("local"));
  }

  @Test
  void collectsPasswordsForScrubbing() {
    assertEquals(
        List.of("r3dis-pw", "m0ng0@pw", "only-pw").stream().sorted().toList(),
        c.secrets().passwords().stream().sorted().toList());
    String scrubbed =
        c.secrets()
            .scrub(
                "auth failed for m0ng0@pw / m0ng0%40pw at redis://x:r3dis-pw@h:1 and mongodb://u:other@h");
    assertFalse(
        scrubbed.contains("m0ng0") || scrubbed.contains("r3dis") || scrubbed.contains("other"),
        scrubbed);
  }

  @Test
  void unknownNamesFailPermanentlyListingTheKnownOnes() {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> c.mongo("x"));
    assertEquals(
        "no MongoDB connection named 'x' in the worker configuration (known: local, prod)",
        f.getOriginalMessage());
    assertEquals(Connections.UNKNOWN_CONNECTION, f.getType());
    assertTrue(f.isNonRetryable());
    f = assertThrows(ApplicationFailure.class, () -> c.redis("x", 0));
    assertEquals(
        "no Redis connection named 'x' in the worker configuration (known: local, prod, pwonly)",
        f.getOriginalMessage());
  }

  @Test
  void malformedUrisAreNamedButNotEchoed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Connections(Map.of(), Map.of("r", "http://u:topsecret@h")));
    assertTrue(
        e.getMessage().contains("'r'") && !e.getMessage().contains("topsecret"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Connections(Map.of("m", "mongo://u:topsecret@h"), Map.of()));
    assertTrue(
        e.getMessage().contains("'m'") && !e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void theActivityBoundaryScrubsAndKeepsTransientErrorsRetryable() {
    ActivityBoundary boundary = new ActivityBoundary(c.secrets());
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                boundary.run(
                    "Copy",
                    () -> {
                      throw new IllegalStateException(
                          "timeout talking to mongodb://admin:m0ng0@pw@db1 with r3dis-pw");
                    }));
    assertFalse(
        f.getOriginalMessage().contains("m0ng0") || f.getOriginalMessage().contains("r3dis-pw"),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().startsWith("Copy failed: IllegalStateException: timeout"),
        f.getOriginalMessage());
    assertFalse(f.isNonRetryable());
    assertEquals(null, f.getCause());
  }
}
