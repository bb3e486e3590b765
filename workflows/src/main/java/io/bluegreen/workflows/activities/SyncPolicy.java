package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.ConflictPolicy;
import java.util.Map;

/**
 * The {@link ConflictPolicy} of a sync pass: a default and one per collection, by their wire words.
 * Words, not the enum: the sync activity refuses an unknown one before any write, non-retryably and
 * naming the collection and the allowed words; as an enum it would fail to deserialize instead, an
 * error retried until the activity's timeout.
 */
public record SyncPolicy(
    @JsonProperty("default") String defaultPolicy,
    @JsonProperty("perCollection") Map<String, String> perCollection) {
  public static final String HALT = ConflictPolicy.HALT.wire();
  public static final String BLUE_WINS = ConflictPolicy.BLUE_WINS.wire();
  public static final String GREEN_WINS = ConflictPolicy.GREEN_WINS.wire();

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
