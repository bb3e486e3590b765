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
 * jobs meanwhile, so this is short, unlike {@code approval.timeout}); what becomes of Blue's
 * unfinished jobs ({@code blueJobs}) and whether Green takes jobs while Blue drains ({@code
 * overlapDrain}). {@code blueJobs} is kept as written (a String): a word this version does not know
 * is then one of the problems validation lists (FAILED), not a request the workflow cannot read.
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
    @JsonProperty("blueJobs") String blueJobs,
    @JsonProperty("overlapDrain") Boolean overlapDrain,
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
        null,
        null,
        unknownFields);
  }

  public CutoverOptions(String trafficRedis, String trafficKey, String drainTimeout) {
    this(trafficRedis, trafficKey, drainTimeout, null, null, null, null, null, null, null);
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
        blueJobs,
        overlapDrain,
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
        blueJobs,
        overlapDrain,
        unknownFields);
  }

  /**
   * The same options with what becomes of Blue's unfinished jobs ({@code blueJobs}: leave or
   * cancel) and whether Green takes jobs while Blue's running ones finish ({@code overlapDrain}).
   */
  public CutoverOptions withBlueJobs(BlueJobsPolicy policy, Boolean overlap) {
    return withBlueJobsAsWritten(policy == null ? null : policy.wire(), overlap);
  }

  /** As above, with the policy as written in the request (validated by RequestValidation). */
  public CutoverOptions withBlueJobsAsWritten(String policy, Boolean overlap) {
    return new CutoverOptions(
        trafficRedis,
        trafficKey,
        drainTimeout,
        webhook,
        decisionTimeout,
        trafficRedisDb,
        finalSyncTimeout,
        policy,
        overlap,
        unknownFields);
  }

  /** Whether Green is switched on right after the final pass, before Blue has drained. */
  public boolean overlapping() {
    return Boolean.TRUE.equals(overlapDrain);
  }

  /**
   * The policy for Blue's unfinished jobs, {@code leave} when the request does not say (or says a
   * word this version does not know, which validation refuses before anything reads this).
   */
  public BlueJobsPolicy blueJobsPolicy() {
    return blueJobs == null
        ? BlueJobsPolicy.LEAVE
        : BlueJobsPolicy.parse(blueJobs).orElse(BlueJobsPolicy.LEAVE);
  }

  public CutoverOptions(
      String trafficRedis,
      String trafficKey,
      String drainTimeout,
      TrafficWebhook webhook,
      String decisionTimeout) {
    this(
        trafficRedis,
        trafficKey,
        drainTimeout,
        webhook,
        decisionTimeout,
        null,
        null,
        null,
        null,
        null);
  }

  public CutoverOptions(
      String trafficRedis, String trafficKey, String drainTimeout, TrafficWebhook webhook) {
    this(trafficRedis, trafficKey, drainTimeout, webhook, null, null, null, null, null, null);
  }
}
