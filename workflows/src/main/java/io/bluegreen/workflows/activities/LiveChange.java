package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One Blue document changed after the final pass, and what happened to it. {@code id}: its {@code
 * _id} as canonical Extended JSON; {@code blueChange}: {@code inserted}, {@code updated} or {@code
 * deleted} since the final pass; {@code outcome}: {@code carried} (to Green), {@code reported}
 * (mode {@code report}: left as it is), {@code conflict} (Green changed it too: both left as they
 * are, {@code greenChange} says how or why Green refused it); {@code at}: when the workflow learned
 * of it (null in an activity's result).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveChange(
    @JsonProperty("id") String id,
    @JsonProperty("blueChange") String blueChange,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("greenChange") String greenChange,
    @JsonProperty("at") String at) {
  public static final String CARRIED = "carried";
  public static final String REPORTED = "reported";
  public static final String CONFLICT = "conflict";

  public LiveChange at(String time) {
    return new LiveChange(id, blueChange, outcome, greenChange, time);
  }

  /** The same change, whenever it was learned of. */
  public boolean sameAs(LiveChange other) {
    return id.equals(other.id)
        && outcome.equals(other.outcome)
        && blueChange.equals(other.blueChange)
        && Objects.equals(greenChange, other.greenChange);
  }
}
