package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.activities.GreenCollectionChanges;
import java.util.List;

/**
 * What was done on Green after the cutover, against Green as the final pass left it: the last
 * comparison ({@code computedAt}, in {@code phase}; {@code collections} only those with a change or
 * a note; totals), and every carry-back to Blue an operator decided. {@code note} says when the
 * comparison could not be made (its failure) or is stale. Nothing is carried back by default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GreenChanges(
    @JsonProperty("computedAt") String computedAt,
    @JsonProperty("phase") Phase phase,
    @JsonProperty("collections") List<GreenCollectionChanges> collections,
    @JsonProperty("created") Long created,
    @JsonProperty("changed") Long changed,
    @JsonProperty("deleted") Long deleted,
    @JsonProperty("note") String note,
    @JsonProperty("carriedBack") List<CarryBackReport> carriedBack) {

  /** Whether the last comparison found anything (false when it failed or was never made). */
  public boolean any() {
    return created != null && created + changed + deleted > 0;
  }
}
