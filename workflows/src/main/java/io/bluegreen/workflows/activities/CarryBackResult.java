package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A carry-back to Blue, per collection, with the totals. */
public record CarryBackResult(
    @JsonProperty("collections") List<CarriedBack> collections,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("conflicts") long conflicts) {}
