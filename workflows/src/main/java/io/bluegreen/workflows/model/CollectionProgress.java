package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One collection of the plan as the {@code status} query shows it.
 *
 * @param documents Blue's document count when the plan was made
 * @param copied documents written to Green by the last finished copy (live progress of a running
 *     copy is in its activity heartbeat, not in history)
 * @param verified documents compared by the last verification
 * @param match whether the last verification found Green identical to Blue; null before one ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionProgress(
    @JsonProperty("name") String name,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("copied") long copied,
    @JsonProperty("verified") long verified,
    @JsonProperty("match") Boolean match,
    @JsonProperty("blueDigest") String blueDigest,
    @JsonProperty("greenDigest") String greenDigest,
    @JsonProperty("differences") Long differences) {}
