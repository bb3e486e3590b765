package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code live.blueChanges}: what happens to Blue's documents changed after the final pass, while
 * Green serves. {@code mode} {@code carry} or {@code report} ({@link BlueChangesMode}); {@code
 * interval} between two comparisons of Blue with the baseline (ISO-8601, at least {@code PT10S});
 * {@code maxPerCollection} documents handled per collection per comparison (the rest the next
 * time). Written either as this object or as the mode alone: {@code "blueChanges": "report"}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlueChangesOptions(
    @JsonProperty("mode") String mode,
    @JsonProperty("interval") String interval,
    @JsonProperty("maxPerCollection") Integer maxPerCollection,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public BlueChangesOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public BlueChangesOptions(String mode, String interval, Integer maxPerCollection) {
    this(mode, interval, maxPerCollection, null);
  }

  /** The short form: {@code "blueChanges": "carry"}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BlueChangesOptions ofMode(String mode) {
    return new BlueChangesOptions(mode, null, null, null);
  }
}
