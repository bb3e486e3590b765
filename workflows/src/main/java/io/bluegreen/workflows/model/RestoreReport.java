package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the last restore of Blue did: why it ran, whether Blue is serving again, which steps failed,
 * and whether Green is confirmed off ({@code greenOff} null while still being tried, until {@code
 * greenRetryUntil}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreReport(
    @JsonProperty("reason") String reason,
    @JsonProperty("startedAt") String startedAt,
    @JsonProperty("blueServing") boolean blueServing,
    @JsonProperty("blueServingAt") String blueServingAt,
    @JsonProperty("failedSteps") List<String> failedSteps,
    @JsonProperty("greenOff") Boolean greenOff,
    @JsonProperty("greenRetryUntil") String greenRetryUntil,
    @JsonProperty("note") String note) {}
