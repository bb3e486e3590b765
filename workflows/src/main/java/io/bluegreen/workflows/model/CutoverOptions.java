package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where traffic is pointed at cutover, how long to wait for Blue's running jobs to finish, and how
 * long the operator has to decide when they did not ({@code decisionTimeout}: Blue takes no new
 * jobs meanwhile, so this is short, unlike {@code approval.timeout}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CutoverOptions(
    @JsonProperty("trafficRedis") String trafficRedis,
    @JsonProperty("trafficKey") String trafficKey,
    @JsonProperty("drainTimeout") String drainTimeout,
    @JsonProperty("webhook") TrafficWebhook webhook,
    @JsonProperty("decisionTimeout") String decisionTimeout,
    @JsonProperty("trafficRedisDb") Integer trafficRedisDb,
    @JsonProperty("finalSyncTimeout") String finalSyncTimeout,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public CutoverOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public CutoverOptions(
      String trafficRedis,
      String trafficKey,
      String drainTimeout,
      TrafficWebhook webhook,
      String decisionTimeout,
      Map<String, Object> unknownFields) {
    this(
        trafficRedis,
        trafficKey,
        drainTimeout,
        webhook,
        decisionTimeout,
        null,
        null,
        unknownFields);
  }

  public CutoverOptions(String trafficRedis, String trafficKey, String drainTimeout) {
    this(trafficRedis, trafficKey, drainTimeout, null, null, null, null, null);
  }

  /**
   * The same options with the traffic key's Redis db named. Left out, the key goes to db 0, and
   * preflight refuses that db when it is Blue's own on Blue's own server: naming it says so
   * knowingly.
   */
  public CutoverOptions withTrafficRedisDb(Integer db) {
    return new CutoverOptions(
        trafficRedis,
        trafficKey,
        drainTimeout,
        webhook,
        decisionTimeout,
        db,
        finalSyncTimeout,
        unknownFields);
  }

  /**
   * The same options with a limit on the cutover's final sync pass (Blue takes no jobs meanwhile).
   */
  public CutoverOptions withFinalSyncTimeout(String timeout) {
    return new CutoverOptions(
        trafficRedis,
        trafficKey,
        drainTimeout,
        webhook,
        decisionTimeout,
        trafficRedisDb,
        timeout,
        unknownFields);
  }

  public CutoverOptions(
      String trafficRedis,
      String trafficKey,
      String drainTimeout,
      TrafficWebhook webhook,
      String decisionTimeout) {
    this(trafficRedis, trafficKey, drainTimeout, webhook, decisionTimeout, null, null, null);
  }

  public CutoverOptions(
      String trafficRedis, String trafficKey, String drainTimeout, TrafficWebhook webhook) {
    this(trafficRedis, trafficKey, drainTimeout, webhook, null, null, null, null);
  }
}
