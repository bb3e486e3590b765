package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one argument of {@code BlueGreenDeployment}, exactly as a user types it in the Temporal UI or
 * a request file. Only {@code blue} and {@code green} are required; {@link RequestDefaults} fills
 * the rest. Fields nobody declared are kept in {@code unknownFields} so that validation can name
 * them instead of silently dropping a typo.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentRequest(
    @JsonProperty("deployment") String deployment,
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("collections") CollectionSelection collections,
    @JsonProperty("switches") Switches switches,
    @JsonProperty("copy") CopyOptions copy,
    @JsonProperty("approval") ApprovalOptions approval,
    @JsonProperty("cutover") CutoverOptions cutover,
    @JsonProperty("failoverWindow") String failoverWindow,
    @JsonProperty("sync") SyncOptions sync,
    @JsonProperty("live") LiveOptions live,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public DeploymentRequest {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public DeploymentRequest(
      String deployment,
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      CopyOptions copy,
      ApprovalOptions approval,
      CutoverOptions cutover,
      String failoverWindow) {
    this(
        deployment,
        blue,
        green,
        collections,
        switches,
        copy,
        approval,
        cutover,
        failoverWindow,
        null,
        null,
        null);
  }

  public DeploymentRequest(
      String deployment,
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      CopyOptions copy,
      ApprovalOptions approval,
      CutoverOptions cutover,
      String failoverWindow,
      Map<String, Object> unknownFields) {
    this(
        deployment,
        blue,
        green,
        collections,
        switches,
        copy,
        approval,
        cutover,
        failoverWindow,
        null,
        null,
        unknownFields);
  }

  /** As before the failover window's options: {@code live} left out. */
  public DeploymentRequest(
      String deployment,
      PlatformSpec blue,
      PlatformSpec green,
      CollectionSelection collections,
      Switches switches,
      CopyOptions copy,
      ApprovalOptions approval,
      CutoverOptions cutover,
      String failoverWindow,
      SyncOptions sync,
      Map<String, Object> unknownFields) {
    this(
        deployment,
        blue,
        green,
        collections,
        switches,
        copy,
        approval,
        cutover,
        failoverWindow,
        sync,
        null,
        unknownFields);
  }

  /** The same request with other sync options. */
  public DeploymentRequest withSync(SyncOptions options) {
    return new DeploymentRequest(
        deployment,
        blue,
        green,
        collections,
        switches,
        copy,
        approval,
        cutover,
        failoverWindow,
        options,
        live,
        unknownFields);
  }

  /** The same request with other failover-window options. */
  public DeploymentRequest withLive(LiveOptions options) {
    return new DeploymentRequest(
        deployment,
        blue,
        green,
        collections,
        switches,
        copy,
        approval,
        cutover,
        failoverWindow,
        sync,
        options,
        unknownFields);
  }
}
