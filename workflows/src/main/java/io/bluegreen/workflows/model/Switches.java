package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dotted paths, inside each platform's {@code iap_profiles} document, of its two worker switches.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Switches(
    @JsonProperty("startJobs") String startJobs,
    @JsonProperty("taskWorker") String taskWorker,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public Switches {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public Switches(String startJobs, String taskWorker) {
    this(startJobs, taskWorker, null);
  }
}
