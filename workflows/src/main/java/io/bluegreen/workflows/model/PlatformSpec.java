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
 * URIs, so that credentials never enter workflow history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformSpec(
    @JsonProperty("mongo") String mongo,
    @JsonProperty("database") String database,
    @JsonProperty("redis") String redis,
    @JsonProperty("redisDb") Integer redisDb,
    @JsonProperty("profile") String profile,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public PlatformSpec {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public PlatformSpec(String mongo, String database, String redis, Integer redisDb, String profile) {
    this(mongo, database, redis, redisDb, profile, null);
  }
}
