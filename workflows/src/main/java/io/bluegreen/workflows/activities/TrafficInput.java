package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/**
 * Point traffic at a colour: the Redis key, with the deployment and time beside it, in Redis db
 * {@code db} of connection {@code redis} (db 0 when null).
 */
public record TrafficInput(
    @JsonProperty("redis") String redis,
    @JsonProperty("key") String key,
    @JsonProperty("colour") Colour colour,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("changedAt") String changedAt,
    @JsonProperty("db") Integer db) {

  public TrafficInput(
      String redis, String key, Colour colour, String deployment, String changedAt) {
    this(redis, key, colour, deployment, changedAt, null);
  }
}
