package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where traffic is pointed at cutover, and how long to wait for Blue's running jobs to finish. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CutoverOptions(
    @JsonProperty("trafficRedis") String trafficRedis,
    @JsonProperty("trafficKey") String trafficKey,
    @JsonProperty("drainTimeout") String drainTimeout,
    @JsonProperty("webhook") TrafficWebhook webhook,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public CutoverOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public CutoverOptions(String trafficRedis, String trafficKey, String drainTimeout) {
    this(trafficRedis, trafficKey, drainTimeout, null, null);
  }

  public CutoverOptions(String trafficRedis, String trafficKey, String drainTimeout, TrafficWebhook webhook) {
    this(trafficRedis, trafficKey, drainTimeout, webhook, null);
  }
}
