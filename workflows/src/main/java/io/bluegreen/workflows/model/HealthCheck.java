package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP health check of a platform: healthy while {@code url} answers {@code expectedStatus};
 * unhealthy after more than {@code failuresAllowed} failures in a row, checked every {@code
 * interval} (ISO-8601). A check that has no answer within {@code timeout} is a failure. The URL
 * must not carry credentials: it is part of workflow history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(
    @JsonProperty("url") String url,
    @JsonProperty("expectedStatus") Integer expectedStatus,
    @JsonProperty("interval") String interval,
    @JsonProperty("failuresAllowed") Integer failuresAllowed,
    @JsonProperty("timeout") String timeout,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public HealthCheck {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public HealthCheck(String url, Integer expectedStatus, String interval, Integer failuresAllowed) {
    this(url, expectedStatus, interval, failuresAllowed, null, null);
  }

  public HealthCheck(
      String url,
      Integer expectedStatus,
      String interval,
      Integer failuresAllowed,
      String timeout) {
    this(url, expectedStatus, interval, failuresAllowed, timeout, null);
  }
}
