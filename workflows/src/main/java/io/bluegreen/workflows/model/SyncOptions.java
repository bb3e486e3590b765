package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the three-way sync settles a document both Blue and Green changed: {@code conflicts} {@code
 * halt} (the default: the cutover stops with Blue serving and the conflicts are listed), {@code
 * blue-wins} or {@code green-wins}; {@code collections} sets it per collection. {@code
 * keepBaseline} keeps the baseline on Green's server after a deployment that completed (an aborted,
 * rolled back or failed one always drops it). {@code dropStaleBaselines} lets PREFLIGHT drop a
 * baseline another run left for Green's database, which it otherwise refuses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncOptions(
    @JsonProperty("conflicts") String conflicts,
    @JsonProperty("collections") Map<String, String> collections,
    @JsonProperty("keepBaseline") Boolean keepBaseline,
    @JsonProperty("dropStaleBaselines") Boolean dropStaleBaselines,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public SyncOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public SyncOptions(String conflicts, Map<String, String> collections, Boolean keepBaseline) {
    this(conflicts, collections, keepBaseline, null, null);
  }

  public SyncOptions(
      String conflicts,
      Map<String, String> collections,
      Boolean keepBaseline,
      Boolean dropStaleBaselines) {
    this(conflicts, collections, keepBaseline, dropStaleBaselines, null);
  }
}
