package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One {@link VerifyResult} per collection asked for, in the order asked. */
public record VerifyCollectionsResult(@JsonProperty("results") List<VerifyResult> results) {}
