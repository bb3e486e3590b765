package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the namespace indexes.
 *
 * @param registered both search attributes are registered as Keyword: the workflow may set them
 * @param deploymentValue what {@code BlueGreenDeployment} is set to: the label, or its keyed
 *     pseudonym under payload encryption (so {@code ./bluegreen list --deployment LABEL} finds it)
 * @param note when not registered, why, in a sentence for the status and the worker log
 */
public record SearchIndexResult(
    @JsonProperty("registered") boolean registered,
    @JsonProperty("deploymentValue") String deploymentValue,
    @JsonProperty("note") String note) {

  public static SearchIndexResult notRegistered(String note) {
    return new SearchIndexResult(false, null, note);
  }
}
