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
 * <p>{@code mongo} and {@code redis} are names of connections configured on the worker, never URIs,
 * so that credentials never enter workflow history. {@code api}, when set, names an Itential
 * Platform API connection (base URL and how to log in) in the worker configuration: the workers are
 * then switched through the Workflow Engine API. {@code health}, when set, gates the cutover on
 * this platform's health and, for Green, watches it while live.
 *
 * <p>{@code release} is the platform's Itential release when no API can report it ("2023.1",
 * "2023.2", "6"). The Green-only fields: {@code allowDowngrade} (Green may run an older release
 * than Blue), {@code acknowledgeStartupWorkers} (Green's workers are configured to start at
 * start-up and the operator knows), {@code profileOverrides} (dotted path in Green's profile to
 * value) and {@code serviceConfigOverrides} (service config name to dotted path to value).
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
    @JsonProperty("release") String release,
    @JsonProperty("allowDowngrade") Boolean allowDowngrade,
    @JsonProperty("acknowledgeStartupWorkers") Boolean acknowledgeStartupWorkers,
    @JsonProperty("profileOverrides") Map<String, Object> profileOverrides,
    @JsonProperty("serviceConfigOverrides") Map<String, Map<String, Object>> serviceConfigOverrides,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  /** The same platform with its optional API connection and health check. */
  public PlatformSpec withApiAndHealth(String api, HealthCheck health) {
    return new PlatformSpec(
        mongo,
        database,
        redis,
        redisDb,
        profile,
        api,
        health,
        release,
        allowDowngrade,
        acknowledgeStartupWorkers,
        profileOverrides,
        serviceConfigOverrides,
        unknownFields);
  }

  /** The same platform with the given release and Green-only options. */
  public PlatformSpec withRelease(
      String release, Boolean allowDowngrade, Boolean acknowledgeStartupWorkers) {
    return new PlatformSpec(
        mongo,
        database,
        redis,
        redisDb,
        profile,
        api,
        health,
        release,
        allowDowngrade,
        acknowledgeStartupWorkers,
        profileOverrides,
        serviceConfigOverrides,
        unknownFields);
  }

  /** The same platform with the overrides Green's own configuration gets at provisioning. */
  public PlatformSpec withOverrides(
      Map<String, Object> profileOverrides,
      Map<String, Map<String, Object>> serviceConfigOverrides) {
    return new PlatformSpec(
        mongo,
        database,
        redis,
        redisDb,
        profile,
        api,
        health,
        release,
        allowDowngrade,
        acknowledgeStartupWorkers,
        profileOverrides,
        serviceConfigOverrides,
        unknownFields);
  }

  @JsonCreator
  public PlatformSpec {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public PlatformSpec(
      String mongo, String database, String redis, Integer redisDb, String profile) {
    this(mongo, database, redis, redisDb, profile, null, null, null, null, null, null, null, null);
  }
}
