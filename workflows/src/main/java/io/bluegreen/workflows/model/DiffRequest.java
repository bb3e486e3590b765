package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The argument of the {@code diff} Update: {@code fresh} compares Green with the baseline now
 * (while the baseline exists: LIVE, or a rollback waiting for carryBack or finalize); otherwise the
 * last comparison is answered.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiffRequest(@JsonProperty("fresh") Boolean fresh) {}
