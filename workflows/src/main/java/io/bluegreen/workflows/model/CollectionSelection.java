package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of Blue's collections to copy: {@code include} limits the default set, {@code exclude}
 * removes from it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionSelection(
    @JsonProperty("include") List<String> include,
    @JsonProperty("exclude") List<String> exclude,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public CollectionSelection {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public CollectionSelection(List<String> include, List<String> exclude) {
    this(include, exclude, null);
  }
}
