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
        unknownFields);
  }
}
