package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP endpoint told of every traffic change (cutover and rollback) with a JSON body {@code
 * {"colour", "deployment", "changedAt"}}. The URL must not carry credentials: it is part of
 * workflow history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficWebhook(
    @JsonProperty("url") String url,
    @JsonProperty("method") String method,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public TrafficWebhook {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public TrafficWebhook(String url, String method) {
    this(url, method, null);
  }
}
