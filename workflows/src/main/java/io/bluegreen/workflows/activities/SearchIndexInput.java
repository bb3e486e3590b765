package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * @param deployment the deployment's label (the request's, else the workflow ID)
 */
public record SearchIndexInput(@JsonProperty("deployment") String deployment) {}
