package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A collection of Blue that the plan leaves out, and why. */
public record ExcludedCollection(
    @JsonProperty("name") String name, @JsonProperty("reason") String reason) {}
