package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.activities.CarriedBack;
import java.util.List;

/**
 * One carry-back to Blue: who decided it and why, when it ran, what it wrote per collection and the
 * conflicts it left ({@code note}: its failure, if it failed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CarryBackReport(
    @JsonProperty("by") String by,
    @JsonProperty("reason") String reason,
    @JsonProperty("requested") List<String> requested,
    @JsonProperty("at") String at,
    @JsonProperty("collections") List<CarriedBack> collections,
    @JsonProperty("inserted") long inserted,
    @JsonProperty("updated") long updated,
    @JsonProperty("deleted") long deleted,
    @JsonProperty("conflicts") long conflicts,
    @JsonProperty("note") String note) {}
