package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How a conflict (a document both Blue and Green changed, differently) is settled: {@code halt}
 * leaves both untouched and lists it, {@code blue-wins} writes Blue's version to Green,
 * {@code green-wins} keeps Green's and moves the baseline to Blue's so it is not raised again.
 */
public record SyncPolicy(
    @JsonProperty("default") String defaultPolicy,
    @JsonProperty("perCollection") Map<String, String> perCollection) {
  public static final String HALT = "halt";
  public static final String BLUE_WINS = "blue-wins";
  public static final String GREEN_WINS = "green-wins";

  public static SyncPolicy halt() {
    return new SyncPolicy(HALT, Map.of());
  }

  /** The policy of one collection; absent values read as {@code halt}. */
  public String forCollection(String collection) {
    String p = perCollection == null ? null : perCollection.get(collection);
    if (p != null) {
      return p;
    }
    return defaultPolicy == null ? HALT : defaultPolicy;
  }
}
