package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code live}: the failover window's options. {@code blueChanges}: what happens to a Blue document
 * changed after the final pass (Itential cannot make Blue read-only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveOptions(
    @JsonProperty("blueChanges") BlueChangesOptions blueChanges,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

  @JsonCreator
  public LiveOptions {
    unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
  }

  public LiveOptions(BlueChangesOptions blueChanges) {
    this(blueChanges, null);
  }
}
