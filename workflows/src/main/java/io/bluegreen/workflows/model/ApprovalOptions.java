package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the deployment waits for an operator's approval before it aborts (ISO-8601 duration).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalOptions(
    @JsonProperty("timeout") String timeout,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public ApprovalOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public ApprovalOptions(String timeout) {
    this(timeout, null);
  }
}
