package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Itential Platform stack: where its MongoDB logical database and its Redis database live.
 *
 * <p>{@code mongo} and {@code redis} are names of connections configured on the worker, never
 * URIs, so that credentials never enter workflow history. {@code api}, when set, names an
 * Itential Platform API connection (base URL and token) in the worker configuration: the workers
 * are then switched through the Workflow Engine API instead of the profile fields. {@code
 * health}, when set, gates the cutover on this platform's health and, for Green, watches it while
 * live.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformSpec(
    @JsonProperty("mongo") String mongo,
    @JsonProperty("database") String database,
    @JsonProperty("redis") String redis,
    @JsonProperty("redisDb") Integer redisDb,
    @JsonProperty("profile") String profile,
    @JsonProperty("api") String api,
    @JsonProperty("health") HealthCheck health,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  /** The same platform with its optional API connection and health check. */
  public PlatformSpec withApiAndHealth(String api, HealthCheck health) {
    return new PlatformSpec(mongo, database, redis, redisDb, profile, api, health, unknownFields);
  }

  @JsonCreator
  public PlatformSpec {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public PlatformSpec(String mongo, String database, String redis, Integer redisDb, String profile) {
    this(mongo, database, redis, redisDb, profile, null, null, null);
  }
}
