package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the collection copy runs. A collection of at least {@code rangeThreshold} documents (as
 * preflight counted them) is copied as {@code ranges} parallel {@code _id} ranges instead of one
 * cursor; {@code ranges} 1 never splits. Every copy, whole or range, takes one of the {@code
 * parallelCollections} slots.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CopyOptions(
    @JsonProperty("batchSize") Integer batchSize,
    @JsonProperty("parallelCollections") Integer parallelCollections,
    @JsonProperty("greenMustBeEmpty") Boolean greenMustBeEmpty,
    @JsonProperty("documentsPerSecond") Integer documentsPerSecond,
    @JsonProperty("rangeThreshold") Integer rangeThreshold,
    @JsonProperty("ranges") Integer ranges,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public CopyOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public CopyOptions(Integer batchSize, Integer parallelCollections, Boolean greenMustBeEmpty) {
    this(batchSize, parallelCollections, greenMustBeEmpty, null, null, null, null);
  }

  /** {@code documentsPerSecond}: per-collection copy throttle; null or 0 is unlimited. */
  public CopyOptions(
      Integer batchSize,
      Integer parallelCollections,
      Boolean greenMustBeEmpty,
      Integer documentsPerSecond) {
    this(batchSize, parallelCollections, greenMustBeEmpty, documentsPerSecond, null, null, null);
  }

  public CopyOptions(
      Integer batchSize,
      Integer parallelCollections,
      Boolean greenMustBeEmpty,
      Integer documentsPerSecond,
      Integer rangeThreshold,
      Integer ranges) {
    this(
        batchSize,
        parallelCollections,
        greenMustBeEmpty,
        documentsPerSecond,
        rangeThreshold,
        ranges,
        null);
  }
}
